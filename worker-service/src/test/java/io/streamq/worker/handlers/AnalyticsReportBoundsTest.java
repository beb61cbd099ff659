package io.streamq.worker.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.keys.AnalyticsKeys;
import io.streamq.core.store.AnalyticsStore;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.SlowCommands;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report of a day at its bounds reads the day in short calls, none of them holding Redis for 20 ms or more as SLOWLOG
 * measures it (one HGETALL of such a day took 46–62 ms), and still reports all of it.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(PeersTestResource.class)
class AnalyticsReportBoundsTest {

    /** The platform's rule: no call holds Redis for 20 ms. */
    private static final long SLOW_MICROS = 20_000;
    private static final LocalDate DAY = LocalDate.parse("2024-07-01");
    /** Production's bound of both day hashes (the test profile's is lower), {@code ~other} included. */
    private static final int FIELDS = 5_000;
    private static final long OTHER_EVENTS = 12_345;
    private static final long OTHER_PROPERTIES = 777;

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
    void aFullDayIsReportedInShortCalls() throws Exception {
        // The longest fields in bytes: event names of 100 characters, property names of 128 and values of 100, each
        // character three bytes of UTF-8. The top 100 events own 50 breakdown fields each.
        SortedMap<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < FIELDS - 1; i++) {
            counts.put(longest("event.%04d.".formatted(i), 'x', 100), (long) i + 1);
        }
        SortedMap<String, SortedMap<String, Long>> breakdowns = new TreeMap<>();
        for (int i = 0; i < FIELDS - 1; i++) {
            String event = longest("event.%04d.".formatted(FIELDS - 2 - i / 50), 'x', 100);
            String field = longest("p%02d".formatted(i % 50), '界', 128) + "=" + longest("v" + i, '値', 100);
            breakdowns.computeIfAbsent(event, e -> new TreeMap<>()).put(field, (long) i % 7 + 1);
        }
        load(counts, breakdowns);
        RedisTestServer server = RedisTestResource.server();
        long scansBefore = CommandCalls.of(server, "hscan");

        List<String> slow;
        JsonNode csv;
        JsonNode json;
        SlowCommands slowCommands = SlowCommands.watch(server, SLOW_MICROS);
        csv = report("full-csv", "csv");
        json = report("full-json", "json");
        slow = slowCallsOn(slowCommands, Set.of(AnalyticsKeys.dayCounts(DAY), AnalyticsKeys.dayProperties(DAY),
                AnalyticsKeys.report("full-csv"), AnalyticsKeys.report("full-json")));
        slowCommands.threshold(10_000);

        assertThat(slow).as("calls of the reports that took %s µs or more", SLOW_MICROS).isEmpty();
        // Two reports read both hashes in calls of about fields-per-call fields (half as many calls leaves room for
        // HSCAN's COUNT being a hint); one HGETALL per hash would make no HSCAN at all.
        int perCall = integrations.analytics().fieldsPerCall();
        assertThat(CommandCalls.of(server, "hscan") - scansBefore).isGreaterThanOrEqualTo(2L * FIELDS / perCall);

        long total = counts.values().stream().mapToLong(Long::longValue).sum() + OTHER_EVENTS;
        int rows = FIELDS + (FIELDS - 1) + 1;
        assertThat(analytics.report("full-csv").await().indefinitely()).hasValue(expectedCsv(counts, breakdowns));
        assertThat(csv.path("rows").asInt()).isEqualTo(rows);
        assertThat(csv.path("totalEvents").asLong()).isEqualTo(total);
        assertThat(json.path("rows").asInt()).isEqualTo(rows);
        JsonNode day = mapper.readTree(analytics.report("full-json").await().indefinitely().orElseThrow())
                .path("days").get(0);
        assertThat(day.path("totalEvents").asLong()).isEqualTo(total);
        assertThat(day.path("otherProperties").asLong()).isEqualTo(OTHER_PROPERTIES);
        assertThat(day.path("events").size()).isEqualTo(FIELDS);
        assertThat(day.path("events").path(AnalyticsStore.OTHER).path("count").asLong()).isEqualTo(OTHER_EVENTS);
        String top = breakdowns.lastKey();
        Map.Entry<String, Long> first = breakdowns.get(top).firstEntry();
        String[] pv = first.getKey().split("=");
        assertThat(day.path("events").path(top).path("properties").path(pv[0]).path(pv[1]).asLong())
                .isEqualTo(first.getValue());
        assertThat(day.path("events").path(top).path("properties").size()).isEqualTo(50);
    }

    /** {@code prefix} filled up with {@code fill} to {@code length} characters. */
    private static String longest(String prefix, char fill, int length) {
        return prefix + String.valueOf(fill).repeat(length - prefix.length());
    }

    private void load(SortedMap<String, Long> counts, SortedMap<String, SortedMap<String, Long>> breakdowns) {
        Map<String, String> countFields = new TreeMap<>();
        counts.forEach((event, n) -> countFields.put(event, Long.toString(n)));
        countFields.put(AnalyticsStore.OTHER, Long.toString(OTHER_EVENTS));
        Map<String, String> propertyFields = new TreeMap<>();
        breakdowns.forEach((event, fields) -> fields.forEach((field, n) ->
                propertyFields.put(event + "|" + field, Long.toString(n))));
        propertyFields.put(AnalyticsStore.OTHER, Long.toString(OTHER_PROPERTIES));
        redis.hash(String.class).hset(AnalyticsKeys.dayCounts(DAY), countFields);
        redis.hash(String.class).hset(AnalyticsKeys.dayProperties(DAY), propertyFields);
    }

    private JsonNode report(String id, String format) throws Exception {
        return jobs.result(jobs.await(jobs.enqueue(JobType.ANALYTICS_GENERATE_REPORT,
                "{\"reportId\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"format\":\"%s\"}".formatted(id, DAY, DAY, format)),
                "completed"));
    }

    /** The rows as docs/integrations.md lists them; no name or value here needs quoting. */
    private static String expectedCsv(SortedMap<String, Long> counts,
                                      SortedMap<String, SortedMap<String, Long>> breakdowns) {
        StringBuilder csv = new StringBuilder("date,event,property,value,count\n");
        counts.forEach((event, n) -> {
            csv.append(DAY).append(',').append(event).append(",,,").append(n).append('\n');
            breakdowns.getOrDefault(event, new TreeMap<>()).forEach((field, m) -> csv.append(DAY).append(',')
                    .append(event).append(',').append(field.replace('=', ',')).append(',').append(m).append('\n'));
        });
        return csv.append(DAY).append(',').append(AnalyticsStore.OTHER).append(",,,").append(OTHER_EVENTS).append('\n')
                .append(DAY).append(",,").append(AnalyticsStore.OTHER).append(",,").append(OTHER_PROPERTIES)
                .append('\n').toString();
    }

    /** SLOWLOG entries of calls naming one of {@code keys}. */
    private static List<String> slowCallsOn(SlowCommands slowCommands, Set<String> keys) {
        return slowCommands.entries().stream().filter(call -> call.args().stream().anyMatch(keys::contains))
                .map(SlowCommands.Slow::toString).toList();
    }
}
