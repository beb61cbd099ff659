package io.streamq.worker.engine;

import io.streamq.core.failure.AttemptFailure;

/** How one attempt ended. */
sealed interface Outcome {

    long durationMs();

    record Succeeded(String resultJson, long durationMs) implements Outcome {
    }

    record Failed(AttemptFailure failure, long durationMs) implements Outcome {
    }

    /** No handler for the type in this instance: the job goes back, unspent, for a worker that has one. */
    record Unhandled(long durationMs) implements Outcome {
    }

    /** The handler was stopped before it finished, because the worker is stopping or lost the job. */
    record Interrupted(CancelReason reason, long durationMs) implements Outcome {
    }
}
