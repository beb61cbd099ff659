package io.streamq.worker.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.AnalyticsAggregateDaily;
import io.streamq.core.store.AnalyticsStore;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * analytics.aggregate-daily: rolls the day's counters up, in short script calls, into a summary stored next to them;
 * the summary (the day's totals, its top events with their top properties, and what was folded or left out) is the
 * result.
 */
@ApplicationScoped
public class AnalyticsAggregateDailyHandler implements JobHandler {

    private final AnalyticsStore store;
    private final ObjectMapper mapper;
    private final IntegrationsConfig.Analytics config;

    public AnalyticsAggregateDailyHandler(AnalyticsStore store, ObjectMapper mapper, IntegrationsConfig config) {
        this.store = store;
        this.mapper = mapper;
        this.config = config.analytics();
    }

    @Override
    public JobType type() {
        return JobType.ANALYTICS_AGGREGATE_DAILY;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        LocalDate date = day(context.payload(AnalyticsAggregateDaily.class), context.job().createdAt());
        AnalyticsStore.SummaryBounds bounds = new AnalyticsStore.SummaryBounds(config.topEvents(),
                config.topProperties(), config.fieldsPerCall());
        AnalyticsStore.DaySummary summary = store.aggregateDay(date, bounds).await().atMost(context.timeout());
        context.log("Rolled up %s: %d events, %d distinct, %d listed%s", date, summary.totalEvents(),
                summary.distinctEvents(), summary.events().size(), summary.truncated() ? " (truncated)" : "");
        store.storeSummary(date, mapper.writeValueAsString(summary), config.dayTtl())
                .await().atMost(context.timeout());
        context.log("Stored the summary of %s", date);
        return summary;
    }

    /** The payload's date, else the UTC day before the job was enqueued (a daily schedule's payload has none). */
    static LocalDate day(AnalyticsAggregateDaily job, long createdAtMs) {
        return job.date() != null ? job.date()
                : Instant.ofEpochMilli(createdAtMs).atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    }
}
