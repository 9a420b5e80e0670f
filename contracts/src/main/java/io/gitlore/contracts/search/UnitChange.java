package io.gitlore.contracts.search;

import java.time.Instant;

/**
 * One commit that changed a hit's code unit, as listed in the hit's history (newest first). It names the commit, not
 * the unit's lines at the time: old line numbers would read as if they were current.
 *
 * @param changeType  the chunker's change type in lower case ({@code modified_function}, {@code bug_fix}, …)
 * @param pathThen    the unit's file at that commit when it differs from the hit's path (a move or rename), else
 *                    {@code null}
 * @param matched     this change's own text matched the query
 */
public record UnitChange(String commit, Instant time, String author, String subject, String changeType,
                         String pathThen, boolean matched) {
}
