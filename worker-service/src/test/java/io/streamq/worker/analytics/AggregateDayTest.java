package io.streamq.worker.analytics;

import io.streamq.core.contract.payload.AnalyticsAggregateDaily;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The day aggregate-daily rolls up: the payload's, else the UTC day before the job was enqueued. */
class AggregateDayTest {

    @Test
    void withoutADateTheDayBeforeTheJobWasEnqueuedInUtc() {
        long fiveAfterMidnight = Instant.parse("2026-03-09T00:05:00Z").toEpochMilli();
        long lateInNewYorkButNextDayInUtc = Instant.parse("2026-03-09T03:00:00Z").toEpochMilli();

        assertThat(AnalyticsAggregateDailyHandler.day(new AnalyticsAggregateDaily(null), fiveAfterMidnight))
                .isEqualTo(LocalDate.of(2026, 3, 8));
        assertThat(AnalyticsAggregateDailyHandler.day(new AnalyticsAggregateDaily(null), lateInNewYorkButNextDayInUtc))
                .isEqualTo(LocalDate.of(2026, 3, 8));
        assertThat(AnalyticsAggregateDailyHandler.day(new AnalyticsAggregateDaily(LocalDate.of(2024, 5, 31)),
                fiveAfterMidnight)).isEqualTo(LocalDate.of(2024, 5, 31));
    }
}
