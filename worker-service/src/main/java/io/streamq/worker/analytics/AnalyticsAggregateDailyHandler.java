package io.streamq.worker.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.AnalyticsAggregateDaily;
import io.streamq.core.store.AnalyticsStore;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * analytics.aggregate-daily: rolls the day's counters up (atomically, in one script) into a summary stored next to
 * them; the summary ({@code date, totalEvents, distinctEvents, events[]} with top properties) is the result.
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
        String summary = store.aggregateDay(job.date(), config.dayTtl(), config.topProperties())
                .await().atMost(context.timeout());
        JsonNode tree = mapper.readTree(summary);
        return tree;
    }
}
