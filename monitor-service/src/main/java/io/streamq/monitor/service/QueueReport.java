package io.streamq.monitor.service;

import io.streamq.monitor.health.QueueHealth;
import io.streamq.monitor.metrics.QueueMetrics;

/** A queue's metrics with the health judged from them ({@code GET /owner/queues/{q}/metrics}, docs/api-monitor.md). */
public record QueueReport(QueueMetrics metrics, QueueHealth health) {
}
