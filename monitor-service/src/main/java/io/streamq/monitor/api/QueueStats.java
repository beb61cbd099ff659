package io.streamq.monitor.api;

import io.streamq.monitor.metrics.QueueCounts;

/** One line of GET /owner/queues/stats: counts by state and the paused flag, measured at {@code asOf}. */
public record QueueStats(String queue, QueueCounts counts, boolean paused, long asOf) {
}
