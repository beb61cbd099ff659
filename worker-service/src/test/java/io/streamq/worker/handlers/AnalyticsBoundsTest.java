package io.streamq.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.streamq.core.contract.JobType;
import io.streamq.core.store.AnalyticsStore;
import io.streamq.testing.RedisTestResource;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The analytics day hashes stay within their bounds however many distinct names arrive. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(PeersTestResource.class)
class AnalyticsBoundsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Jobs jobs;

    @Inject
    AnalyticsStore analytics;

    @Inject
    IntegrationsConfig integrations;

    @Test
    void manyDistinctNamesStayWithinTheDaysBounds() throws Exception {
        // The test profile bounds a day to 50 event fields and 20 breakdown fields, ~other included in each.
        IntegrationsConfig.Analytics config = integrations.analytics();
        LocalDate day = LocalDate.parse("2024-06-01");
        AnalyticsStore.DayBounds bounds = new AnalyticsStore.DayBounds(config.dayTtl(), config.maxEventsPerDay(),
                config.maxPropertyFieldsPerDay());
        int names = 1_000;
        List<AnalyticsStore.Tracked> tracked = Multi.createFrom().range(0, names)
                .onItem().transformToUni(i -> analytics.track("bounds-" + i, "name." + i, day,
                        List.of("a=" + i, "b=" + i, "c=" + i), bounds, null, null, 0, Duration.ZERO, null))
                .merge(16).collect().asList().await().atMost(WAIT);

        Map<String, String> counts = analytics.dayCounts(day).await().atMost(WAIT);
        Map<String, String> props = analytics.dayProperties(day).await().atMost(WAIT);
        int namedEvents = config.maxEventsPerDay() - 1;
        assertThat(counts.size()).as("event fields").isEqualTo(config.maxEventsPerDay());
        assertThat(counts.get("~other")).isEqualTo(Integer.toString(names - namedEvents));
        assertThat(tracked).filteredOn(AnalyticsStore.Tracked::eventFolded).hasSize(names - namedEvents);
        int fields = config.maxPropertyFieldsPerDay() - 1;
        assertThat(props.size()).as("breakdown fields").isEqualTo(config.maxPropertyFieldsPerDay());
        assertThat(props.get("~other")).isEqualTo(Integer.toString(3 * names - fields));
        assertThat(props.keySet().stream().filter(f -> f.endsWith("~other"))).containsExactly("~other");

        // A job of a new name on the full day says where it was counted.
        JsonNode result = jobs.result(jobs.await(jobs.enqueue(JobType.ANALYTICS_TRACK_EVENT,
                "{\"event\":\"late.name\",\"occurredAt\":\"2024-06-01T23:00:00Z\",\"properties\":{\"x\":1,\"y\":2}}"),
                "completed"));
        assertThat(result.path("eventFolded").asBoolean()).isTrue();
        assertThat(result.path("dayCount").asLong()).isEqualTo(names - namedEvents + 1);
        assertThat(result.path("propertiesFolded").asInt()).isEqualTo(2);
        assertThat(analytics.dayCounts(day).await().atMost(WAIT).size()).isEqualTo(config.maxEventsPerDay());
    }
}
