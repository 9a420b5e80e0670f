package io.gitlore.contracts.blob;

/**
 * A claim-check: content kept in the blob store instead of a Kafka message.
 *
 * @param id   the git blob id (40 hex) for file bodies, or the SHA-256 (64 hex) of other content
 * @param size the content's length in bytes
 */
public record BlobRef(String id, long size) {
}
