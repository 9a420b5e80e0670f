package io.gitlore.contracts.search;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a code unit of a search hit stands at the indexed snapshot. */
public enum UnitStatus {
    /** The unit exists in the snapshot: the hit's code and line range are today's. */
    @JsonProperty("current")
    CURRENT,
    /** The unit was deleted: the hit's code is its last version, and it has no current line range. */
    @JsonProperty("deleted")
    DELETED,
    /** Only the unit's changes are indexed (no snapshot was indexed, or it left without a recorded deletion). */
    @JsonProperty("history")
    HISTORY
}
