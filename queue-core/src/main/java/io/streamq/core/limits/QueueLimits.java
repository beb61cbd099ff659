package io.streamq.core.limits;

/**
 * A queue's start limits: the queue config's defaults, or those in force once an owner's overrides apply.
 *
 * @param rateLimit null: no rate limit
 * @param maxActive null: no limit on the jobs active at once across all workers
 */
public record QueueLimits(RateLimit rateLimit, Integer maxActive) {

    public static final QueueLimits NONE = new QueueLimits(null, null);

    public QueueLimits {
        if (maxActive != null && maxActive < 1) {
            throw new IllegalArgumentException("maxActive must be >= 1");
        }
    }
}
