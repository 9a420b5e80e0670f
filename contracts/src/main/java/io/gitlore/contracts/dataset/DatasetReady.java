package io.gitlore.contracts.dataset;

/**
 * A job's training dataset is on disk, published on {@code gitlore.datasets.ready.v1} (key = job id); or, when
 * {@code empty}, why there is nothing to train on.
 *
 * @param directory the dataset directory under the shared data directory (tokenizer.json, shards, manifest.json)
 * @param manifest  the manifest as written beside the shards, {@code null} when empty
 */
public record DatasetReady(String jobId, String repositoryId, String directory, DatasetManifest manifest,
                           boolean empty, String reason) {

    public String messageId() {
        return jobId + ":dataset";
    }
}
