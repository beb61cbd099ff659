package io.streamq.core.schedule;

/**
 * What a fire (or run-now) did.
 *
 * @param jobId the job enqueued, or the earlier one its idempotency key named; null when there is none
 * @param runs  the schedule's runs after it
 */
public record Fired(Outcome outcome, String jobId, long runs) {

    public enum Outcome {
        /** A job was enqueued. */
        FIRED,
        /** The due time's key named an earlier job: none was enqueued, the schedule moved on. */
        DUPLICATE,
        /** Missed times under {@code skip}: the schedule moved on without a job. */
        SKIPPED,
        /** Another replica fired this due time first, or the schedule changed since it was read: nothing done. */
        STALE,
        MISSING,
        /** maxRuns is used up: nothing done. */
        FINISHED
    }
}
