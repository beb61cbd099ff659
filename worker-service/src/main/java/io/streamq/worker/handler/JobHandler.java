package io.streamq.worker.handler;

import io.streamq.core.contract.JobType;

/**
 * Runs one job type. Register a handler only when it does the type's real work: jobs of a type without a
 * handler wait for one rather than being faked. When its timeout passes (or the worker stops, or another worker took
 * the job over) its thread is interrupted and {@link JobContext#cancelled()} turns true; it should then end soon,
 * by throwing. Its job stays held until it has returned; a result returned after the cancellation still counts.
 */
public interface JobHandler {

    JobType type();

    /**
     * @return the job's result, serialised to JSON and stored on the job; null for none
     * @throws JobFailure to fail with a code (and say whether a retry can help); any other exception is a
     *                    retryable failure with code {@code error}
     */
    Object handle(JobContext context) throws Exception;
}
