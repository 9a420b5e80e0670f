package io.gitlore.gateway.context;

import java.time.Instant;
import java.util.List;

import io.gitlore.gateway.store.CoChangeStore.CoChange;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a context request: the prompt-ready block ({@code text}, within {@code budget} tokens of
 * {@code tokenizer}, {@code tokens} used), and each code unit it considered, in rank order, with its history,
 * co-changed files and tests; a unit that did not fit is listed with {@code included=false}.
 */
@Schema(name = "ContextAnswer", description = "A prompt-ready block within a token budget, and the units in it with "
        + "their history and co-changed files.")
public record ContextAnswer(String repository, String query, String tokenizer, int budget, int tokens, int omitted,
                            String text, List<Unit> units) {

    /**
     * One code unit: where it is, how it ranked, when it first appeared and the latest commits that changed it
     * ({@code historySource}: {@code embedder} when the search gave the unit's own history, {@code commits} when it
     * is the file's history from the commit records, {@code hits} when only the hits' own commits are known), the
     * files that usually change with it, its tests, and how it went into the block.
     */
    public record Unit(int rank, String path, String name, String kind, String language, Integer startLine,
                       Integer endLine, double score, boolean deleted, Change firstSeen, List<Change> history,
                       String historySource, int fileCommits, List<CoChange> coChanged, List<String> tests,
                       boolean included, boolean codeTruncated, int tokens) {
    }

    /** One commit that changed the unit (or its file). */
    public record Change(String commit, Instant time, String author, String subject, String changeType) {
    }
}
