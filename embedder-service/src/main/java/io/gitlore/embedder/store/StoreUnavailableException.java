package io.gitlore.embedder.store;

/** The vector store cannot be reached right now; the caller keeps its points and tries again later. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
