package io.gitlore.local.stack;

/** A part of the local stack that could not start or answer, with a reason a person can act on. */
public final class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
