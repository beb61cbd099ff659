package io.streamq.monitor.metrics;

import io.streamq.monitor.limits.LimitsStatus;
import io.streamq.monitor.workers.WorkerSummary;

/**
 * Everything measured about one queue at {@code asOf} (Redis clock, ms); docs/metrics.md#per-queue-queuemetrics.
 *
 * @param oldestWaitingAgeMs age of the oldest undelivered job; null when nothing waits
 * @param lifetimeCompleted  jobs completed since the queue exists (the completed state is trimmed by retention)
 * @param lifetimeCancelled  jobs cancelled since the queue exists (the cancelled state is trimmed by retention)
 * @param stalled            lifetime jobs reclaimed from silent workers
 * @param deadPending        failures in the queue's dead stream not yet taken by dlq-service
 * @param dlqEntries         entries of this queue held by dlq-service
 * @param limits             the start limits in force and whether they hold jobs back
 */
public record QueueMetrics(String queue, long asOf, QueueCounts counts, boolean paused, WindowRates rates,
                           ProcessingStats processing, Long oldestWaitingAgeMs, long lifetimeCompleted,
                           long lifetimeFailed, long lifetimeCancelled, long stalled, long retried,
                           long deadPending, long dlqEntries, WorkerSummary workers, LimitsStatus limits) {
}
