package io.streamq.core.limits;

/** An owner's overrides of a queue's limits, as stored in {@code q:{Q}:limits}. */
public record OwnerLimits(LimitOverride<RateLimit> rateLimit, LimitOverride<Integer> maxActive) {

    public static final OwnerLimits NONE = new OwnerLimits(LimitOverride.followConfig(), LimitOverride.followConfig());

    /** The limits in force: each override where set, else the config's default. */
    public QueueLimits over(QueueLimits defaults) {
        return new QueueLimits(rateLimit.or(defaults.rateLimit()), maxActive.or(defaults.maxActive()));
    }
}
