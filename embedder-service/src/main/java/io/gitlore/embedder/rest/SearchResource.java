package io.gitlore.embedder.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

import io.gitlore.contracts.search.SearchRequest;
import io.gitlore.contracts.search.SearchResponse;
import io.gitlore.embedder.config.EmbedderConfig;
import io.gitlore.embedder.model.TextEmbedder;
import io.gitlore.embedder.search.Retriever;
import io.gitlore.embedder.search.SearchMode;
import io.gitlore.embedder.store.SearchFilters;
import io.gitlore.embedder.store.VectorStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Retrieval over HTTP (for the gateway, n8n and people): takes a query with filters and a mode, returns one hit per
 * code unit with its current code and history ({@link SearchResponse}); a bad request gets 400 and an unknown
 * repository 404, each with a JSON reason.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SearchResource {

    private final Retriever retriever;
    private final VectorStore store;
    private final TextEmbedder embedder;
    private final EmbedderConfig config;

    public SearchResource(Retriever retriever, VectorStore store, TextEmbedder embedder, EmbedderConfig config) {
        this.retriever = retriever;
        this.store = store;
        this.embedder = embedder;
        this.config = config;
    }

    @GET
    @Path("/search")
    public SearchResponse search(@QueryParam("repository") String repository, @QueryParam("q") String q,
                                 @QueryParam("query") String query,
                                 @QueryParam("k") @DefaultValue("10") String k, @QueryParam("mode") String mode,
                                 @QueryParam("path") String path, @QueryParam("language") String language,
                                 @QueryParam("kind") String kind, @QueryParam("changeType") String changeType,
                                 @QueryParam("author") String author, @QueryParam("since") String since,
                                 @QueryParam("until") String until, @QueryParam("commit") String commit,
                                 @QueryParam("history") String history) {
        return search(new SearchRequest(repository, q != null ? q : query, number("k", k), mode, path, language, kind,
                changeType, author, instant("since", since), instant("until", until), commit,
                history == null ? null : number("history", history)));
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    public SearchResponse search(SearchRequest request) {
        if (request == null) {
            throw new BadRequestException("a JSON search request is required");
        }
        if (request.repository() == null || request.repository().isBlank()) {
            throw new BadRequestException("repository is required (the repository id the chunks were indexed under)");
        }
        if (request.query() == null || request.query().isBlank()) {
            throw new BadRequestException("query (or q) must not be empty");
        }
        int k = request.k() == null ? 10 : request.k();
        if (k < 1 || k > 1000) {
            throw new BadRequestException("k must be between 1 and 1000, not " + k);
        }
        int history = request.history() == null ? config.historyLimit() : request.history();
        if (history < 0) {
            throw new BadRequestException("history must be 0 or more, not " + history);
        }
        if (request.since() != null && request.until() != null && request.since().isAfter(request.until())) {
            throw new BadRequestException("since must not be after until");
        }
        SearchMode mode;
        try {
            mode = request.mode() == null || request.mode().isBlank() ? config.defaultMode()
                    : SearchMode.parse(request.mode());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        if (!store.exists(request.repository())) {
            throw new NotFoundException("no index for repository '" + request.repository() + "' in " + store.name()
                    + ": run a job on it first, or check the repository id");
        }
        SearchFilters filters = new SearchFilters(blank(request.path()), lower(request.language()),
                lower(request.kind()), lower(request.changeType()), blank(request.author()), request.since(),
                request.until(), blank(request.commit()));
        long start = System.nanoTime();
        var hits = retriever.search(request.repository(), request.query(), k, filters, mode, history);
        return new SearchResponse(request.repository(), request.query(), mode.name().toLowerCase(Locale.ROOT),
                store.name(), (System.nanoTime() - start) / 1_000_000, hits);
    }

    @GET
    @Path("/repositories/{id}")
    public Map<String, Object> repository(@PathParam("id") String id) {
        if (!store.exists(id)) {
            throw new NotFoundException("no index for repository '" + id + "' in " + store.name());
        }
        return Map.of("repository", id, "points", store.count(id), "store", store.name(),
                "model", embedder.describe());
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a number, not '" + value + "'");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 instant such as 2024-01-31T00:00:00Z, not '"
                    + value + "'");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
    }
}
