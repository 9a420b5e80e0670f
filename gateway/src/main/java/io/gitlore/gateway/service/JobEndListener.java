package io.gitlore.gateway.service;

/**
 * Hears when a job ends (completed, failed or cancelled: once per job, as the event that ends it is recorded), and
 * when a document (the training report, the dataset-ready record) arrives for a job that has already ended.
 */
public interface JobEndListener {

    void ended(JobView job);

    default void updated(JobView job) {
    }
}
