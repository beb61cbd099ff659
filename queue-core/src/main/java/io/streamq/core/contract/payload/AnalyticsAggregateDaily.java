package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;

import java.time.LocalDate;

/**
 * Roll up the events of one calendar day (UTC). Without {@code date}, the day before the job was enqueued: what a
 * daily schedule (the default {@code analytics-aggregate-daily}, at 00:05 UTC) needs, its payload being fixed.
 */
@JobContract(name = "analytics.aggregate-daily", queue = QueueName.ANALYTICS)
public record AnalyticsAggregateDaily(LocalDate date) implements JobPayload {
}
