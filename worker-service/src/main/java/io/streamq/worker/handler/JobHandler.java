package io.streamq.worker.handler;

import io.streamq.core.contract.JobType;

/**
 * Runs one job type. Register a handler only when it does the type's real work: jobs of a type without a
 * handler wait for one rather than being faked. A handler may be interrupted when its timeout passes.
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
