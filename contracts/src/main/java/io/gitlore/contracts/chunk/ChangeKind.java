package io.gitlore.contracts.chunk;

/**
 * Why a chunk changed, from what the parse and the diff show (new, modified, deleted units; a layout-only change is
 * {@code FORMATTING}) and what the commit's subject says (fix, refactor, optimisation); the rule set is documented in
 * docs/stages.md. New values are appended, so existing consumers keep their meaning.
 */
public enum ChangeKind {
    NEW_FUNCTION, MODIFIED_FUNCTION, DELETED_FUNCTION, NEW_TEST, NEW_TYPE, BUG_FIX, REFACTOR, OPTIMISATION,
    CONFIGURATION, DOCUMENTATION, SNAPSHOT, FORMATTING
}
