package io.gitlore.contracts.chunk;

/**
 * Why a chunk changed, from what the parse shows (new, modified, deleted units) and what the commit message says
 * (fix, refactor, optimisation); the rule set is documented in the chunker-service README.
 */
public enum ChangeKind {
    NEW_FUNCTION, MODIFIED_FUNCTION, DELETED_FUNCTION, NEW_TEST, NEW_TYPE, BUG_FIX, REFACTOR, OPTIMISATION,
    CONFIGURATION, DOCUMENTATION, SNAPSHOT
}
