package io.gitlore.gateway.rest;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A search as the gateway takes it: the repository (its id, or the absolute path a job was started with), the query,
 * how many code units, and the embedder's optional mode, filters ({@code since}/{@code until} are ISO-8601 instants,
 * {@code commit} a commit hash or its prefix) and how many commits to list per hit ({@code history}); checked here,
 * then sent on as the contracts' {@link io.gitlore.contracts.search.SearchRequest}.
 */
public record SearchRequest(
        @NotBlank(message = "repository is required: a repository id or the path a job was started with")
        @Size(max = 4096, message = "repository must be at most 4096 characters") String repository,
        @NotBlank(message = "query must not be blank")
        @Size(max = 4000, message = "query must be at most 4000 characters") String query,
        @Min(value = 1, message = "k must be at least 1")
        @Max(value = 100, message = "k must be at most 100") Integer k,
        @Pattern(regexp = "hybrid|vector|bm25", message = "mode must be hybrid, vector or bm25") String mode,
        @Size(max = 1024) String path, @Size(max = 64) String language, @Size(max = 64) String kind,
        @Size(max = 64) String changeType, @Size(max = 256) String author, Instant since, Instant until,
        @Size(max = 64, message = "commit must be at most 64 characters") String commit,
        @Min(value = 0, message = "history must be at least 0")
        @Max(value = 1000, message = "history must be at most 1000") Integer history) {

    /** The embedder's request for this search, on the repository's id. */
    public io.gitlore.contracts.search.SearchRequest toEmbedder(String repositoryId) {
        return new io.gitlore.contracts.search.SearchRequest(repositoryId, query, k, mode, path, language, kind,
                changeType, author, since, until, commit, history);
    }
}
