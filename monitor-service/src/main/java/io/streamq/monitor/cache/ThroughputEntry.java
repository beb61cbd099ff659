package io.streamq.monitor.cache;

/** The value of {@code q:throughput:<queue>}: jobs finished per minute over the last {@code windowMinutes}. */
public record ThroughputEntry(String queue, long at, int windowMinutes, double perMinute) {
}
