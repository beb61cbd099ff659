package io.streamq.core.failure;

/** What {@link FailurePolicy#decide} makes of a failed attempt. */
public sealed interface FailureDecision {

    /** The job waits out {@code delayMs} as delayed, then runs its next attempt. */
    record Retry(long delayMs) implements FailureDecision {
    }

    /** The job fails for good and is handed to the DLQ. */
    record DeadLetter(Reason reason) implements FailureDecision {
    }

    /** Why no further attempt is made; the first that applies, in this order. */
    enum Reason {
        /** The failure says a retry cannot help (a handler's own say, or one of the engine's permanent failures). */
        PERMANENT,
        /** The queue lists the failure's code among those that skip the remaining attempts. */
        NON_RETRYABLE_CODE,
        /** A timeout, on a queue that does not retry timeouts. */
        TIMEOUT_NOT_RETRIED,
        /** That was the job's last attempt. */
        ATTEMPTS_EXHAUSTED
    }
}
