package io.gitlore.contracts.search;

import java.util.List;
import java.util.Map;

/**
 * One code unit found by a search: its current code (or, for a deleted unit, its last version), where it is, and the
 * commits that changed it, newest first. Every point the index holds for the unit (its current code, the parts of an
 * overlong unit, each change) counts toward this one hit; none is repeated as a hit of its own.
 *
 * @param id         the unit's id (stable across re-runs and across the moves the chunk records show)
 * @param score      the retrieval score of the unit's best point (reciprocal-rank fused in hybrid mode)
 * @param content    the unit's code: the current version, or the last one before its deletion
 * @param metadata   the stored metadata of the point shown (for n8n-style consumers; line numbers only when current)
 * @param startLine  first line of the current version, {@code null} unless {@link UnitStatus#CURRENT}
 * @param endLine    last line of the current version, {@code null} unless {@link UnitStatus#CURRENT}
 * @param parts      how many embedded parts the unit's current code was cut into (1 when it fit the model)
 * @param history    the commits that changed the unit, newest first, at most the request's {@code history}
 * @param changes    how many changes of the unit are indexed in all
 * @param firstChange the unit's oldest indexed change (when it first appeared), whatever the {@code history} limit;
 *                   {@code null} when none of its changes is indexed (or from an embedder older than the field)
 */
public record SearchHit(String id, double score, String content, Map<String, Object> metadata, UnitStatus status,
                        String path, String qualifiedName, String kind, String language, Integer startLine,
                        Integer endLine, int parts, List<UnitChange> history, int changes, UnitChange firstChange) {
}
