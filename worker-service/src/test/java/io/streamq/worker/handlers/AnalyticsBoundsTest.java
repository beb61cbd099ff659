package io.streamq.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.streamq.core.contract.JobType;
import io.streamq.core.keys.AnalyticsKeys;
import io.streamq.core.store.AnalyticsStore;
import io.streamq.testing.RedisTestResource;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics day hashes stay within their bounds however many distinct names arrive, and the daily roll-up of a
 * day at its bounds lists a bounded summary that still accounts for everything, read in bounded slices.
 */
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

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper mapper;

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

    @Test
    void aFullDayRollsUpToABoundedSummaryInBoundedSlices() throws Exception {
        IntegrationsConfig.Analytics config = integrations.analytics();
        LocalDate day = LocalDate.parse("2024-06-02");
        // A day at production bounds: 4,999 names (counts 1..4,999) and ~other; the top 100 names own 50 breakdown
        // fields each, so every listed event has more properties than a summary lists.
        int names = 4_999;
        Map<String, String> counts = new HashMap<>();
        IntStream.rangeClosed(1, names).forEach(i -> counts.put(name(i), Integer.toString(i)));
        counts.put("~other", "12345");
        Map<String, String> props = new HashMap<>();
        for (int i = names; props.size() < names; i--) {
            for (int p = 0; p < 50 && props.size() < names; p++) {
                props.put(name(i) + "|prop" + p + "=value-" + p, Integer.toString(p + 1));
            }
        }
        props.put("~other", "777");
        redis.hash(String.class).hset(AnalyticsKeys.dayCounts(day), counts);
        redis.hash(String.class).hset(AnalyticsKeys.dayProperties(day), props);
        long scansBefore = hscanCalls();

        JsonNode summary = jobs.result(jobs.await(jobs.enqueue(JobType.ANALYTICS_AGGREGATE_DAILY,
                "{\"date\":\"" + day + "\"}"), "completed"));

        long total = (long) names * (names + 1) / 2 + 12345;
        assertThat(summary.path("totalEvents").asLong()).isEqualTo(total);
        assertThat(summary.path("distinctEvents").asInt()).isEqualTo(names);
        assertThat(summary.path("otherEvents").asLong()).isEqualTo(12345);
        assertThat(summary.path("otherProperties").asLong()).isEqualTo(777);
        assertThat(summary.path("omittedEvents").asInt()).isEqualTo(names - config.topEvents());
        assertThat(summary.path("truncated").asBoolean()).isTrue();
        JsonNode events = summary.path("events");
        assertThat(events).hasSize(config.topEvents());
        for (int rank = 0; rank < events.size(); rank++) {
            JsonNode event = events.get(rank);
            assertThat(event.path("event").asText()).isEqualTo(name(names - rank));
            assertThat(event.path("count").asLong()).isEqualTo(names - rank);
            assertThat(event.path("topProperties")).hasSize(config.topProperties());
            assertThat(event.path("omittedProperties").asInt()).isEqualTo(50 - config.topProperties());
        }
        JsonNode first = events.get(0).path("topProperties").get(0);
        assertThat(first.path("property").asText() + "=" + first.path("value").asText() + ":"
                + first.path("count").asLong()).isEqualTo("prop49=value-49:50");

        assertThat(mapper.readTree(redis.value(String.class).get(AnalyticsKeys.daySummary(day)))).isEqualTo(summary);
        // Each call read a slice: a single call would have read both hashes whole, without HSCAN.
        int perCall = config.aggregateFieldsPerCall();
        assertThat(hscanCalls() - scansBefore).isGreaterThanOrEqualTo((counts.size() + props.size()) / (2L * perCall));
        // The run's work state is gone.
        for (String pattern : List.of(AnalyticsKeys.aggregateEvents("*"), AnalyticsKeys.aggregateListed("*"),
                AnalyticsKeys.aggregateTotals("*"), AnalyticsKeys.aggregatePropertiesPrefix("*") + "*")) {
            assertThat(redis.key().keys(pattern)).as(pattern).isEmpty();
        }
    }

    @Test
    void aDayWithoutEventsRollsUpToAnEmptySummary() {
        AnalyticsStore.DaySummary summary = analytics.aggregateDay(LocalDate.parse("2024-06-03"),
                new AnalyticsStore.SummaryBounds(5, 5, 100)).await().atMost(WAIT);

        assertThat(summary.totalEvents()).isZero();
        assertThat(summary.events()).isEmpty();
        assertThat(summary.truncated()).isFalse();
    }

    private static String name(int i) {
        return "event.%04d".formatted(i);
    }

    private static long hscanCalls() {
        String stats = RedisTestResource.server().command("INFO", "commandstats");
        return stats.lines().filter(l -> l.startsWith("cmdstat_hscan:calls=")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("^cmdstat_hscan:calls=(\\d+),.*", "$1"))).orElse(0L);
    }
}
