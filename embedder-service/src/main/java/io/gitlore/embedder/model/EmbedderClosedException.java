package io.gitlore.embedder.model;

/**
 * Thrown by a {@link TextEmbedder} call made after the model began to close (the service is shutting down): the
 * caller leaves its work unacknowledged, so it is redone after the restart.
 */
public final class EmbedderClosedException extends IllegalStateException {

    public EmbedderClosedException(String model) {
        super("embedding model " + model + " is closed (the service is shutting down)");
    }
}
