package io.streamq.dlq.analytics;

import io.streamq.core.store.dlq.HourCount;

import java.util.List;

/** GET /owner/dlq/trends (docs/dlq.md#api): entries per hour of their last failure, oldest hour first. */
public record DlqTrendsView(int hours, String queueName, long totalInPeriod, List<HourCount> trends,
                            double avgPerHour, HourCount peakHour) {
}
