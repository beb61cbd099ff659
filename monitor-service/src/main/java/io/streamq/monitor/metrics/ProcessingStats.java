package io.streamq.monitor.metrics;

/** Processing time (ms) over the last {@code samples} recorded attempts; nulls when there are none. */
public record ProcessingStats(int samples, Double avgMs, Long p50Ms, Long p95Ms, Long p99Ms) {
}
