package io.streamq.monitor.metrics;

import java.util.Map;

/**
 * Jobs of a queue by state, now.
 *
 * @param cancelled         cancelled jobs kept (trimmed by the failed-jobs removal policy, like failed)
 * @param waitingByPriority waiting jobs per priority, "1" (starts first) to "10"; together they are {@code waiting}
 */
public record QueueCounts(long waiting, long active, long delayed, long completed, long failed, long cancelled,
                          Map<String, Long> waitingByPriority) {
}
