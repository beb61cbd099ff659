package io.streamq.dlq;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.streamq.core.contract.JobType;
import io.streamq.core.store.DlqEntry;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Analytics, trends and the clear flow against the entries themselves: after inserts, replays, deletes and a
 * filtered clear, every counter must equal what the stored entries say (computed here from the entry hashes).
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class AnalyticsTest {

    private static final long HOUR = 3_600_000L;

    @Inject
    DlqTestSupport support;

    @Test
    void analyticsAndTrendsMatchTheEntriesThroughInsertReplayDeleteAndFilteredClear() {
        String owner = TestTokens.owner("analyst");
        DlqEntry a1 = support.deadJob(JobType.ANALYTICS_TRACK_EVENT, "{\"event\":\"a1\"}",
                DlqTestSupport.error("db-timeout", "query timed out after 5000 ms"));
        DlqEntry a2 = support.deadJob(JobType.ANALYTICS_TRACK_EVENT, "{\"event\":\"a2\"}",
                DlqTestSupport.error("db-timeout", "query timed out after 7000 ms"));
        DlqEntry a3 = support.deadJob(JobType.ANALYTICS_GENERATE_REPORT, "{\"report\":\"a3\"}",
                DlqTestSupport.error("render", "template 'weekly' missing"));
        DlqEntry m1 = support.deadJob(JobType.EMAIL_SEND_DIGEST, "{\"to\":\"m1\"}",
                DlqTestSupport.error("smtp", "550 mailbox unavailable"));
        DlqEntry m2 = support.deadJob(JobType.EMAIL_SEND_DIGEST, "{\"to\":\"m2\"}",
                DlqTestSupport.error("smtp", "551 mailbox unavailable"));
        assertMatchesEntries(owner);

        // Same reason despite different numbers: one fingerprint with an example.
        JsonPath analytics = given().auth().oauth2(owner).get("/owner/dlq/analytics").then().statusCode(200)
                .extract().jsonPath();
        assertThat(analytics.getList("byErrorReason.findAll { it.reason == 'query timed out after <n> ms' }.count",
                Integer.class)).containsExactly(2);

        // Replay two (one of them twice, failing in between), delete one.
        given().auth().oauth2(owner).post("/owner/dlq/" + a1.id() + "/replay").then().statusCode(200);
        support.failForGood(JobType.ANALYTICS_TRACK_EVENT, a1.id(), DlqTestSupport.error("db-timeout", "again 1"));
        support.awaitEntry(a1.id(), e -> e.errorMessage().equals("again 1"));
        given().auth().oauth2(owner).post("/owner/dlq/" + a1.id() + "/replay").then().statusCode(200);
        given().auth().oauth2(owner).post("/owner/queues/dlq/" + m1.id() + "/replay").then().statusCode(200);
        given().auth().oauth2(owner).post("/owner/dlq/" + a3.id() + "/delete").then().statusCode(200);
        given().auth().oauth2(owner).post("/owner/dlq/" + a3.id() + "/delete").then().statusCode(404);
        assertMatchesEntries(owner);
        assertThat(support.find(a1.id()).orElseThrow().replayCount()).isEqualTo(2);

        // Filtered clear: analytics entries replayed at least once. First call: a token and the count, nothing gone.
        String body = "{\"originalQueue\":\"analytics\",\"minReplayCount\":1}";
        JsonPath challenge = given().auth().oauth2(owner).contentType("application/json").body(body)
                .post("/owner/dlq/clear").then().statusCode(202)
                .body("status", equalTo("confirmation-required")).body("action", equalTo("dlq.clear"))
                .body("summary.entries", equalTo(1)).body("token", notNullValue()).extract().jsonPath();
        assertThat(support.find(a1.id())).isPresent();
        String token = challenge.getString("token");
        // Other filters with this token: refused, nothing deleted.
        given().auth().oauth2(owner).contentType("application/json").header("X-Confirm-Token", token)
                .body("{\"originalQueue\":\"email\"}").post("/owner/dlq/clear").then().statusCode(409)
                .body("type", equalTo("urn:problem-type:streamq:confirm-token:mismatch"));
        // Another owner cannot spend it.
        given().auth().oauth2(TestTokens.owner("someone-else")).contentType("application/json")
                .header("X-Confirm-Token", token).body(body).post("/owner/dlq/clear").then().statusCode(409);
        given().auth().oauth2(owner).contentType("application/json").header("X-Confirm-Token", token).body(body)
                .post("/owner/queues/dlq/clear").then().statusCode(200).body("affected", equalTo(1));
        given().auth().oauth2(owner).contentType("application/json").header("X-Confirm-Token", token).body(body)
                .post("/owner/dlq/clear").then().statusCode(409)
                .body("type", equalTo("urn:problem-type:streamq:confirm-token:used"));
        assertThat(support.find(a1.id())).isEmpty();
        assertThat(support.find(a2.id())).isPresent();
        assertThat(support.find(m1.id())).isPresent();
        assertThat(support.find(m2.id())).isPresent();
        assertMatchesEntries(owner);

        // Put the replayed email job back in the DLQ so no test finds a stray live job.
        support.failForGood(JobType.EMAIL_SEND_DIGEST, m1.id(), DlqTestSupport.error("smtp", "again"));
        support.awaitEntry(m1.id(), e -> e.errorMessage().equals("again"));
        assertMatchesEntries(owner);
    }

    @Test
    void trendsRejectHoursOutsideOneTo48() {
        String owner = TestTokens.owner("analyst");
        given().auth().oauth2(owner).get("/owner/dlq/trends?hours=0").then().statusCode(400);
        given().auth().oauth2(owner).get("/owner/dlq/trends?hours=49").then().statusCode(400);
        given().auth().oauth2(owner).get("/owner/dlq/trends?queueName=nope").then().statusCode(400);
        given().auth().oauth2(owner).get("/owner/dlq/trends?hours=48").then().statusCode(200)
                .body("trends.size()", equalTo(48));
    }

    /** Every analytics and trends figure against the stored entries. */
    private void assertMatchesEntries(String owner) {
        List<DlqEntry> entries = support.allEntries();
        JsonPath a = given().auth().oauth2(owner).get("/owner/dlq/analytics").then().statusCode(200).extract()
                .jsonPath();
        assertThat(a.getLong("total")).isEqualTo(entries.size());
        assertThat(counts(a, "byQueue")).isEqualTo(group(entries, DlqEntry::originalQueue));
        assertThat(counts(a, "byJobName")).isEqualTo(group(entries, DlqEntry::originalJobName));
        assertThat(counts(a, "byErrorCode")).isEqualTo(group(entries, DlqEntry::errorCode));
        Map<String, Long> reasons = new TreeMap<>();
        for (Map<String, Object> r : a.<Map<String, Object>>getList("byErrorReason")) {
            reasons.put((String) r.get("reason"), ((Number) r.get("count")).longValue());
        }
        assertThat(reasons).isEqualTo(group(entries, DlqEntry::fingerprint));
        long never = entries.stream().filter(e -> e.replayCount() == 0).count();
        long once = entries.stream().filter(e -> e.replayCount() == 1).count();
        long multiple = entries.stream().filter(e -> e.replayCount() >= 2 && e.replayCount() < 3).count();
        long high = entries.stream().filter(e -> e.replayCount() >= 3).count();
        assertThat(a.getLong("byReplayStatus.never")).isEqualTo(never);
        assertThat(a.getLong("byReplayStatus.once")).isEqualTo(once);
        assertThat(a.getLong("byReplayStatus.multiple")).isEqualTo(multiple);
        assertThat(a.getLong("byReplayStatus.high")).isEqualTo(high);
        assertThat(a.getLong("neverReplayed")).isEqualTo(never);
        assertThat(a.getLong("replayed")).isEqualTo(entries.size() - never);
        assertThat(a.getLong("highReplayCount")).isEqualTo(high);
        long now = a.getLong("generatedAt");
        // The store sums whole seconds (no overflow at millions of entries): the mean is floor(sumSec * 1000 / n).
        long sumSec = entries.stream().mapToLong(e -> e.firstFailedAt() / 1000).sum();
        long expectedAge = entries.isEmpty() ? 0 : now - sumSec * 1000 / entries.size();
        assertThat(a.getLong("averageAgeMs")).isEqualTo(expectedAge);
        List<String> topReplayed = a.getList("topReplayedJobs.id", String.class);
        assertThat(topReplayed).hasSize((int) Math.min(10, entries.size() - never));
        if (!topReplayed.isEmpty()) {
            int max = entries.stream().mapToInt(DlqEntry::replayCount).max().orElse(0);
            assertThat(a.getInt("topReplayedJobs[0].replayCount")).isEqualTo(max);
        }

        Map<Long, Long> byHour = entries.stream().filter(e -> e.lastFailedAt() > now - 48 * HOUR)
                .collect(Collectors.groupingBy(e -> e.lastFailedAt() / HOUR, Collectors.counting()));
        JsonPath t = given().auth().oauth2(owner).get("/owner/queues/dlq/trends?hours=48").then().statusCode(200)
                .extract().jsonPath();
        Map<Long, Long> trend = new HashMap<>();
        List<Map<String, Object>> rows = t.getList("trends");
        for (Map<String, Object> row : rows) {
            long count = ((Number) row.get("count")).longValue();
            if (count > 0) {
                trend.put(Instant.parse((String) row.get("hour")).toEpochMilli() / HOUR, count);
            }
        }
        assertThat(trend).isEqualTo(byHour);
        assertThat(t.getLong("totalInPeriod")).isEqualTo(byHour.values().stream().mapToLong(Long::longValue).sum());
        if (!byHour.isEmpty()) {
            assertThat(t.getLong("peakHour.count")).isEqualTo(byHour.values().stream().mapToLong(x -> x).max()
                    .orElseThrow());
        }
        Map<Long, Long> analyticsQueue = entries.stream()
                .filter(e -> e.originalQueue().equals("analytics") && e.lastFailedAt() > now - 48 * HOUR)
                .collect(Collectors.groupingBy(e -> e.lastFailedAt() / HOUR, Collectors.counting()));
        given().auth().oauth2(owner).get("/owner/dlq/trends?hours=48&queueName=analytics").then().statusCode(200)
                .body("totalInPeriod", equalTo((int) analyticsQueue.values().stream().mapToLong(x -> x).sum()));
    }

    private static Map<String, Long> counts(JsonPath a, String field) {
        Map<String, Long> out = new TreeMap<>();
        for (Map<String, Object> c : a.<Map<String, Object>>getList(field)) {
            out.put((String) c.get("value"), ((Number) c.get("count")).longValue());
        }
        return out;
    }

    private static Map<String, Long> group(List<DlqEntry> entries, java.util.function.Function<DlqEntry, String> key) {
        return new TreeMap<>(entries.stream().collect(Collectors.groupingBy(key, Collectors.counting())));
    }
}
