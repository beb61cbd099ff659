package io.streamq.dlq;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.streamq.core.contract.JobType;
import io.streamq.core.store.DlqEntry;
import io.streamq.dlq.analytics.DlqAnalyticsView;
import io.streamq.dlq.analytics.DlqAnalytics;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The queue filter of analytics and the CSV export with the DLQ page's filters: what one queue's analytics say must
 * equal that queue's stored entries, and an export filtered by queue (and search) holds only the matching rows.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class QueueFilterTest {

    @Inject
    DlqTestSupport support;

    @Inject
    DlqAnalytics analytics;

    @Test
    void analyticsOfOneQueueMatchItsEntries() {
        String owner = TestTokens.owner("analyst");
        DlqEntry e1 = support.deadJob(JobType.EMAIL_SEND_DIGEST, "{\"to\":\"q1\"}",
                DlqTestSupport.error("smtp", "550 mailbox 17 unavailable"));
        support.deadJob(JobType.EMAIL_SEND_DIGEST, "{\"to\":\"q2\"}",
                DlqTestSupport.error("smtp", "550 mailbox 18 unavailable"));
        support.deadJob(JobType.EMAIL_SEND_BULK, "{\"to\":\"q3\"}", DlqTestSupport.error("quota", "quota exceeded"));
        support.deadJob(JobType.AI_GENERATE_TEXT, "{\"prompt\":\"q4\"}", DlqTestSupport.error("model", "model gone"));
        given().auth().oauth2(owner).post("/owner/dlq/" + e1.id() + "/replay").then().statusCode(200);
        support.failForGood(JobType.EMAIL_SEND_DIGEST, e1.id(), DlqTestSupport.error("smtp", "again 1"));
        support.awaitEntry(e1.id(), e -> e.errorMessage().equals("again 1"));

        List<DlqEntry> email = support.allEntries().stream().filter(e -> e.originalQueue().equals("email")).toList();
        JsonPath a = given().auth().oauth2(owner).get("/owner/dlq/analytics?queueName=email").then().statusCode(200)
                .body("queueName", equalTo("email")).body("sampled", equalTo(false)).extract().jsonPath();
        assertThat(a.getLong("total")).isEqualTo(email.size());
        assertThat(a.getLong("scanned")).isEqualTo(email.size());
        assertThat(counts(a, "byQueue")).isEqualTo(Map.of("email", (long) email.size()));
        assertThat(counts(a, "byJobName")).isEqualTo(group(email, DlqEntry::originalJobName));
        assertThat(counts(a, "byErrorCode")).isEqualTo(group(email, DlqEntry::errorCode));
        Map<String, Long> reasons = new TreeMap<>();
        for (Map<String, Object> r : a.<Map<String, Object>>getList("byErrorReason")) {
            reasons.put((String) r.get("reason"), ((Number) r.get("count")).longValue());
        }
        // The same fingerprints the forwarder stored with each entry.
        assertThat(reasons).isEqualTo(group(email, DlqEntry::fingerprint));
        assertThat(a.getLong("neverReplayed")).isEqualTo(email.stream().filter(e -> e.replayCount() == 0).count());
        assertThat(a.getLong("byReplayStatus.once")).isEqualTo(email.stream().filter(e -> e.replayCount() == 1).count());
        assertThat(a.getList("topReplayedJobs.id", String.class)).contains(e1.id())
                .allSatisfy(id -> assertThat(id).startsWith("email-"));
        long now = a.getLong("generatedAt");
        long sumSec = email.stream().mapToLong(e -> e.firstFailedAt() / 1000).sum();
        assertThat(a.getLong("averageAgeMs")).isEqualTo(now - sumSec * 1000 / email.size());
        given().auth().oauth2(owner).get("/owner/dlq/trends?queueName=email&hours=1").then().statusCode(200)
                .body("queueName", equalTo("email"));

        // A walk stopped early says so, and its breakdowns cover only what it read.
        DlqAnalyticsView sampled = analytics.analytics("email", 1);
        assertThat(sampled.sampled()).isTrue();
        assertThat(sampled.scanned()).isEqualTo(1);
        assertThat(sampled.total()).isEqualTo(email.size());
        assertThat(sampled.byJobName().stream().mapToLong(c -> c.count()).sum()).isEqualTo(1);

        given().auth().oauth2(owner).get("/owner/dlq/analytics?queueName=nope").then().statusCode(400)
                .body("errors[0].field", equalTo("queueName"));
        given().auth().oauth2(owner).get("/owner/dlq/analytics").then().statusCode(200)
                .body("queueName", equalTo(null)).body("sampled", equalTo(false));
    }

    @Test
    void exportHonoursQueueAndSearchAndCarriesTheErrorCode() {
        String owner = TestTokens.owner("exporter");
        DlqEntry hook = support.deadJob(JobType.PLUGIN_EXECUTE_HOOK, "{\"hook\":\"export-needle\"}",
                DlqTestSupport.error("http-410", "hook answered HTTP 410"));
        DlqEntry other = support.deadJob(JobType.PLUGIN_SYNC, "{\"note\":\"plain\"}",
                DlqTestSupport.error("sync", "sync failed"));
        DlqEntry elsewhere = support.deadJob(JobType.WORKFLOW_START_RUN, "{\"hook\":\"export-needle\"}",
                DlqTestSupport.error("wf", "no such workflow"));

        List<List<String>> rows = csv(owner, "originalQueue=plugins");
        List<String> header = rows.getFirst();
        int queue = header.indexOf("Original Queue");
        int code = header.indexOf("Error Code");
        assertThat(code).isPositive();
        long plugins = support.allEntries().stream().filter(e -> e.originalQueue().equals("plugins")).count();
        assertThat(rows).hasSize((int) plugins + 1);
        assertThat(rows.stream().skip(1).map(r -> r.get(queue))).containsOnly("plugins");
        assertThat(rows.stream().skip(1).map(List::getFirst)).contains(hook.id(), other.id())
                .doesNotContain(elsewhere.id());
        assertThat(rows.stream().filter(r -> r.getFirst().equals(hook.id())).findFirst().orElseThrow().get(code))
                .isEqualTo("http-410");

        // The search of the page narrows the export the same way, within the queue.
        List<List<String>> searched = csv(owner, "originalQueue=plugins&search=EXPORT-NEEDLE");
        assertThat(searched.stream().skip(1).map(List::getFirst)).containsExactly(hook.id());
        // And the error-code filter.
        List<List<String>> byCode = csv(owner, "errorCode=sync&originalQueue=plugins");
        assertThat(byCode.stream().skip(1).map(r -> r.get(code))).containsOnly("sync").isNotEmpty();
    }

    private static List<List<String>> csv(String owner, String query) {
        String body = given().auth().oauth2(owner).get("/owner/dlq/export?" + query).then().statusCode(200)
                .extract().asString();
        return ExportAndListTest.parse(body);
    }

    private static Map<String, Long> counts(JsonPath a, String field) {
        Map<String, Long> out = new TreeMap<>();
        for (Map<String, Object> c : a.<Map<String, Object>>getList(field)) {
            out.put((String) c.get("value"), ((Number) c.get("count")).longValue());
        }
        return out;
    }

    private static Map<String, Long> group(List<DlqEntry> entries, Function<DlqEntry, String> key) {
        return new TreeMap<>(entries.stream().collect(Collectors.groupingBy(key, Collectors.counting())));
    }
}
