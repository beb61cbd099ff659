package io.streamq.monitor.api;

import io.streamq.monitor.health.HealthStatus;
import io.streamq.monitor.metrics.QueueCounts;

/** One line of GET /owner/queues. */
public record QueueSummary(String queue, QueueCounts counts, boolean paused, double throughputPerMinute,
                           int liveWorkers, int healthScore, HealthStatus health, int issues) {
}
