package io.streamq.core.limits;

/**
 * A queue's limits as Redis holds them: the owner's overrides and the rate bucket's theoretical arrival time
 * (ms of the Redis clock; 0 before the first start under a rate limit).
 */
public record LimitsState(OwnerLimits owner, double tatMs) {
}
