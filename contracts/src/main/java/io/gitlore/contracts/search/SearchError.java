package io.gitlore.contracts.search;

/** The body of every refused search (400, 404): why. */
public record SearchError(String error) {
}
