package io.streamq.monitor.api;

import io.streamq.monitor.health.HealthStatus;
import io.streamq.monitor.metrics.QueueCounts;
import io.streamq.monitor.metrics.QueueMetrics;
import io.streamq.monitor.service.QueueReport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of GET /owner/queues. */
public record QueueSummary(
        String queue,
        @Schema(description = "When these numbers were measured (Redis clock, epoch ms); cached up to 10 s")
        long asOf,
        QueueCounts counts,
        boolean paused,
        @Schema(description = "Jobs finished per minute, averaged over the last windowMinutes minutes")
        double throughputPerMinute,
        @Schema(description = "Jobs finished in the last full minute")
        long perMinuteLastMinute,
        @Schema(description = "The window of throughputPerMinute, minutes (the current, partial one included)")
        int windowMinutes,
        @Schema(description = "Live worker processes that serve this queue")
        int liveWorkers,
        int healthScore,
        HealthStatus health,
        int issues) {

    static QueueSummary of(QueueReport r) {
        QueueMetrics m = r.metrics();
        return new QueueSummary(m.queue(), m.asOf(), m.counts(), m.paused(), m.rates().throughputPerMinute(),
                m.rates().perMinuteLastMinute(), m.rates().minutes(), m.workers().alive(), r.health().score(),
                r.health().status(), r.health().issues().size());
    }
}
