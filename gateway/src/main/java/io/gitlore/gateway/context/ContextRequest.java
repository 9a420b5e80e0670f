package io.gitlore.gateway.context;

import java.time.Instant;

import io.gitlore.contracts.search.SearchRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A history-aware context request: the search (repository, query, mode and filters, as for {@code /search}), how many
 * code units to pack ({@code k}), the token budget of the block (GPT-2's r50k_base tokens), and how much history and
 * how many co-changed files to give each unit.
 */
public record ContextRequest(
        @NotBlank(message = "repository is required: a repository id or the path a job was started with")
        @Size(max = 4096, message = "repository must be at most 4096 characters") String repository,
        @NotBlank(message = "query must not be blank")
        @Size(max = 4000, message = "query must be at most 4000 characters") String query,
        @Min(value = 1, message = "k must be at least 1")
        @Max(value = 20, message = "k must be at most 20") Integer k,
        @Pattern(regexp = "hybrid|vector|bm25", message = "mode must be hybrid, vector or bm25") String mode,
        @Size(max = 1024) String path, @Size(max = 64) String language, @Size(max = 64) String kind,
        @Size(max = 64) String changeType, @Size(max = 256) String author, Instant since, Instant until,
        @Size(max = 64, message = "commit must be at most 64 characters") String commit,
        @Min(value = 64, message = "tokenBudget must be at least 64") Integer tokenBudget,
        @Min(value = 0, message = "maxHistory must be at least 0")
        @Max(value = 50, message = "maxHistory must be at most 50") Integer maxHistory,
        @Min(value = 0, message = "maxCoChanged must be at least 0")
        @Max(value = 20, message = "maxCoChanged must be at most 20") Integer maxCoChanged) {

    public int kOrDefault() {
        return k == null ? 5 : k;
    }

    /**
     * The embedder's search for this context: one hit per code unit, so exactly {@code k} of them, with the mode and
     * every filter, and {@code history} commits listed per unit.
     */
    public SearchRequest toEmbedder(String repositoryId, int history) {
        return new SearchRequest(repositoryId, query, kOrDefault(), mode, path, language, kind, changeType, author,
                since, until, commit, history);
    }
}
