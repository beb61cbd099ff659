package io.streamq.worker.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.AnalyticsAggregateDaily;
import io.streamq.core.store.AnalyticsStore;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.enterprise.context.ApplicationScoped;

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
        AnalyticsAggregateDaily job = context.payload(AnalyticsAggregateDaily.class);
        AnalyticsStore.SummaryBounds bounds = new AnalyticsStore.SummaryBounds(config.topEvents(),
                config.topProperties(), config.aggregateFieldsPerCall());
        AnalyticsStore.DaySummary summary = store.aggregateDay(job.date(), bounds).await().atMost(context.timeout());
        store.storeSummary(job.date(), mapper.writeValueAsString(summary), config.dayTtl())
                .await().atMost(context.timeout());
        return summary;
    }
}
