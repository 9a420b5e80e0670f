package io.gitlore.gateway.context;

import java.time.Instant;
import java.util.List;

import io.gitlore.contracts.search.UnitStatus;
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
     * One code unit: the embedder's id for it, where it is, whether it is still in the code ({@code status};
     * {@code deleted} when it was removed and its last version is shown), how it ranked, when it first appeared,
     * the latest commits that changed it and how many changed it in all ({@code historySource}: {@code embedder}
     * when these are the unit's own changes, {@code commits} when the embedder holds none and they are the file's,
     * from the commit records), the files that usually change with it, its tests, and how it went into the block.
     */
    public record Unit(int rank, String id, String path, String name, String kind, String language,
                       UnitStatus status, Integer startLine, Integer endLine, double score, boolean deleted,
                       Change firstSeen, List<Change> history, int changes, String historySource, int fileCommits,
                       List<CoChange> coChanged, List<String> tests, boolean included, boolean codeTruncated,
                       int tokens) {

        Unit packed(boolean in, boolean truncated, int used) {
            return new Unit(rank, id, path, name, kind, language, status, startLine, endLine, score, deleted,
                    firstSeen, history, changes, historySource, fileCommits, coChanged, tests, in, truncated, used);
        }
    }

    /** One commit that changed the unit (or its file); {@code pathThen} is the unit's file then, when it moved. */
    public record Change(String commit, Instant time, String author, String subject, String changeType,
                         String pathThen) {
    }
}
