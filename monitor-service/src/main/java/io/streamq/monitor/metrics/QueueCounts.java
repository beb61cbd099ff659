package io.streamq.monitor.metrics;

/** Jobs of a queue by state, now. */
public record QueueCounts(long waiting, long active, long delayed, long completed, long failed) {
}
