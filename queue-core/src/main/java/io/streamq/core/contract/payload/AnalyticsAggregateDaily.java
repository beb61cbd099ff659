package io.streamq.core.contract.payload;

import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/** Roll up the events of one calendar day (UTC). */
public record AnalyticsAggregateDaily(@NotNull LocalDate date) implements JobPayload {
}
