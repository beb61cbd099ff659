package io.streamq.producer.api;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.CancelVerdict;
import io.streamq.core.job.JobIds;
import io.streamq.security.error.ProblemException;

/** The answer to a cancel: the job is now cancelled; {@code from} is the state it left. */
public record JobCancelled(String id, String queue, String state, String from) {

    static final String CANCELLED = "cancelled";

    /**
     * @throws ProblemException 404 when there is no such job or it is not the caller's (the script's tenant check),
     *                          409 naming the final state of a job that had already finished
     */
    static JobCancelled of(CancelVerdict verdict) {
        String id = verdict.jobId();
        return switch (verdict.verdict()) {
            case CANCELLED -> new JobCancelled(id, JobIds.queueOf(id).map(QueueName::wireName).orElseThrow(), CANCELLED,
                    verdict.state());
            case NOT_FOUND, SKIPPED -> throw JobsResource.noSuchJob();
            case FINISHED -> throw new ProblemException(409, "Job " + id + " is already " + verdict.state()
                    + "; a finished job cannot be cancelled.");
        };
    }
}
