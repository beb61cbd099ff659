package io.streamq.core.job;

/** What an enqueue did with one job request. */
public enum EnqueueOutcome {
    /** A new job. */
    CREATED,
    /** The idempotency key named an earlier job, returned unchanged; the request was dropped. */
    DUPLICATE,
    /** Debounce: the earlier job of the key had not started and took the request's payload. */
    DEBOUNCED;

    /** The outcome as enqueue.lua spells it. */
    public static EnqueueOutcome fromScript(String outcome) {
        return valueOf(outcome.toUpperCase(java.util.Locale.ROOT));
    }
}
