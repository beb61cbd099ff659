package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.DlqEntry;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

/**
 * A replay puts a job back on its queue and a delete lowers the queue's DLQ count: each invalidates monitor-service's
 * cached report of that queue (stats, throughput, health) before it answers, so the next read of the queue's
 * metrics, on any monitor replica, counts the change instead of serving the numbers from before for up to 10 s.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ReportCacheInvalidationTest {

    static final QueueName Q = QueueName.AI;

    @Inject
    DlqTestSupport support;
    @Inject
    RedisDataSource redis;

    @Test
    void replayInvalidatesTheQueuesReport() {
        assertInvalidatedBy(e -> post("/owner/dlq/" + e.id() + "/replay", null));
    }

    @Test
    void bulkReplayInvalidatesTheQueuesReport() {
        assertInvalidatedBy(e -> post("/owner/dlq/bulk-replay", "{\"ids\":[\"" + e.id() + "\"]}"));
    }

    @Test
    void deleteInvalidatesTheQueuesReport() {
        assertInvalidatedBy(e -> post("/owner/dlq/" + e.id() + "/delete", null));
    }

    @Test
    void bulkDeleteInvalidatesTheQueuesReport() {
        assertInvalidatedBy(e -> post("/owner/dlq/bulk-delete", "{\"ids\":[\"" + e.id() + "\"]}"));
    }

    /** Whether it ends within the request or as a background task, the queue's report is gone once it has ended. */
    @Test
    void clearInvalidatesTheQueuesReport() {
        deadJob();
        fillReportCache();
        String owner = TestTokens.owner();
        String body = "{\"originalQueue\":\"ai\"}";
        String confirm = given().auth().oauth2(owner).contentType("application/json").body(body)
                .post("/owner/dlq/clear").then().statusCode(202).extract().path("token");
        String task = given().auth().oauth2(owner).contentType("application/json").header("X-Confirm-Token", confirm)
                .body(body).post("/owner/dlq/clear").then().statusCode(anyOf(is(200), is(202))).extract()
                .path("task.taskId");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> "succeeded".equals(
                given().auth().oauth2(owner).get("/owner/dlq/clear/" + task).path("state")));
        assertThat(cached()).as("report cache keys left").isZero();
    }

    @Test
    void aRefusedReplayLeavesTheReportAlone() {
        DlqEntry e = deadJob();
        post("/owner/dlq/" + e.id() + "/replay", null);
        fillReportCache();
        given().auth().oauth2(TestTokens.owner()).post("/owner/dlq/" + e.id() + "/replay").then().statusCode(409);
        assertThat(cached()).as("nothing changed on the queue").isEqualTo(3);
    }

    private void assertInvalidatedBy(Consumer<DlqEntry> action) {
        DlqEntry e = deadJob();
        fillReportCache();
        action.accept(e);
        assertThat(cached()).as("report cache keys left").isZero();
    }

    private DlqEntry deadJob() {
        return support.deadJob(JobType.AI_GENERATE_TEXT, "{\"prompt\":\"cached\"}",
                DlqTestSupport.error("model-down", "model unavailable"));
    }

    /** As monitor-service leaves it after a read: the three report keys, with their TTL. */
    private void fillReportCache() {
        QueueKeys k = QueueKeys.of(Q);
        for (String key : new String[] {k.statsCache(), k.throughputCache(), k.healthCache()}) {
            redis.value(String.class).psetex(key, 60_000, "{}");
        }
        assertThat(cached()).isEqualTo(3);
    }

    private long cached() {
        QueueKeys k = QueueKeys.of(Q);
        return redis.key().exists(k.statsCache(), k.throughputCache(), k.healthCache());
    }

    private static void post(String path, String body) {
        var spec = given().auth().oauth2(TestTokens.owner());
        if (body != null) {
            spec = spec.contentType("application/json").body(body);
        }
        spec.post(path).then().statusCode(200);
    }
}
