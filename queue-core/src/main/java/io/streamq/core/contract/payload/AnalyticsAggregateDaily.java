package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/** Roll up the events of one calendar day (UTC). */
@JobContract(name = "analytics.aggregate-daily", queue = QueueName.ANALYTICS)
public record AnalyticsAggregateDaily(@NotNull LocalDate date) implements JobPayload {
}
