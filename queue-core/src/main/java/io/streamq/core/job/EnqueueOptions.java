package io.streamq.core.job;

/**
 * How a job enters its queue, beyond its payload.
 *
 * @param priority            1 (starts first) to 10 (starts last); {@link #DEFAULT_PRIORITY} when the client sent none
 * @param idempotencyWindowMs how long the job's idempotency key names it; 0 for the configured default
 * @param debounce            a newer job with the same key replaces the payload of this one while it has not
 *                            started, instead of being dropped
 */
public record EnqueueOptions(int priority, long idempotencyWindowMs, boolean debounce) {

    public static final int DEFAULT_PRIORITY = 5;
    public static final int HIGHEST_PRIORITY = 1;
    public static final int LOWEST_PRIORITY = 10;
    public static final EnqueueOptions DEFAULT = new EnqueueOptions(DEFAULT_PRIORITY, 0, false);

    public EnqueueOptions {
        if (priority < HIGHEST_PRIORITY || priority > LOWEST_PRIORITY) {
            throw new IllegalArgumentException("priority must be 1 to 10: " + priority);
        }
        if (idempotencyWindowMs < 0) {
            throw new IllegalArgumentException("idempotencyWindowMs must not be negative: " + idempotencyWindowMs);
        }
    }
}
