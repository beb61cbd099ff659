package io.streamq.monitor.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamq.monitor.health.QueueHealth;
import io.streamq.monitor.metrics.QueueMetrics;

/** A queue's metrics with the health judged from them ({@code GET /owner/queues/{q}/metrics}, docs/api-monitor.md). */
public record QueueReport(QueueMetrics metrics, QueueHealth health) {

    /** When the metrics were measured (Redis clock, epoch ms), at the top like every answer's. */
    @JsonProperty("asOf")
    public long asOf() {
        return metrics.asOf();
    }
}
