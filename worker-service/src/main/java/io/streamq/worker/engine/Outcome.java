package io.streamq.worker.engine;

import io.streamq.core.job.JobError;

/** How one attempt ended. */
sealed interface Outcome {

    long durationMs();

    record Succeeded(String resultJson, long durationMs) implements Outcome {
    }

    record Failed(JobError error, boolean retryable, long durationMs) implements Outcome {
    }

    /** No handler for the type in this instance: the job goes back, unspent, for a worker that has one. */
    record Unhandled(long durationMs) implements Outcome {
    }

    /** The worker is shutting down mid-attempt: record nothing, the entry stays pending for recovery. */
    record Abandoned(long durationMs) implements Outcome {
    }
}
