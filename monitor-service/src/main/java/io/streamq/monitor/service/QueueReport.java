package io.streamq.monitor.service;

import io.streamq.monitor.health.QueueHealth;
import io.streamq.monitor.metrics.QueueMetrics;

/** A queue's metrics with the health judged from them (spec D2: "metrics + health"). */
public record QueueReport(QueueMetrics metrics, QueueHealth health) {
}
