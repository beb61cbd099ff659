package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.keys.QueueKeys;
import io.streamq.monitor.service.MonitorService;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every owner action that changes a queue shows on the very next read of its metrics: the read before it filled the
 * report cache (10 s TTL; the scheduler is off in tests), and the action invalidates it before answering.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class NextReadAfterOwnerActionTest {

    static final QueueName Q = QueueName.AI;
    static final String JOBS = "/owner/queues/ai/jobs/";
    static final String PROMPT = "{\"prompt\":\"fresh\"}";

    @Inject
    Drive drive;
    @Inject
    MonitorService monitor;

    final String token = TestTokens.owner("fresh-" + System.nanoTime());

    @Test
    void pauseAndResume() {
        assertThat(cachedRead(Q).getBoolean("metrics.paused")).isFalse();
        ok(Api.post(token, "/owner/queues/ai/pause", null));
        assertThat(read(Q).getBoolean("metrics.paused")).isTrue();
        ok(Api.post(token, "/owner/queues/ai/resume", null));
        assertThat(read(Q).getBoolean("metrics.paused")).isFalse();
    }

    @Test
    void retryRemoveAndCancelOfOneJob() {
        String failed = failedJobs(1).getFirst();
        List<String> waiting = drive.enqueue(JobType.AI_GENERATE_TEXT, 2, PROMPT);
        Counts before = Counts.of(cachedRead(Q));

        ok(Api.post(token, JOBS + failed + "/retry", null));
        Counts retried = Counts.of(read(Q));
        assertThat(retried.failed).isEqualTo(before.failed - 1);
        assertThat(retried.waiting).isEqualTo(before.waiting + 1);

        ok(Api.post(token, JOBS + waiting.get(0) + "/remove", null));
        Counts removed = Counts.of(read(Q));
        assertThat(removed.waiting).isEqualTo(retried.waiting - 1);

        ok(Api.post(token, JOBS + waiting.get(1) + "/cancel", null));
        Counts cancelled = Counts.of(read(Q));
        assertThat(cancelled.waiting).isEqualTo(removed.waiting - 1);
        assertThat(cancelled.cancelled).isEqualTo(removed.cancelled + 1);
    }

    @Test
    void bulkRetryCancelAndRemove() {
        List<String> failed = failedJobs(2);
        List<String> waiting = drive.enqueue(JobType.AI_GENERATE_TEXT, 4, PROMPT);
        Counts before = Counts.of(cachedRead(Q));

        ok(Api.post(token, JOBS + "bulk-retry", ids(failed)));
        Counts retried = Counts.of(read(Q));
        assertThat(retried.failed).isEqualTo(before.failed - 2);
        assertThat(retried.waiting).isEqualTo(before.waiting + 2);

        ok(Api.post(token, JOBS + "bulk-cancel", ids(waiting.subList(0, 2))));
        Counts cancelled = Counts.of(read(Q));
        assertThat(cancelled.waiting).isEqualTo(retried.waiting - 2);
        assertThat(cancelled.cancelled).isEqualTo(retried.cancelled + 2);

        ok(Api.post(token, JOBS + "bulk-remove", ids(waiting.subList(2, 4))));
        assertThat(Counts.of(read(Q)).waiting).isEqualTo(cancelled.waiting - 2);
    }

    @Test
    void cancelByFilter() {
        String tenant = "fresh-tenant-" + System.nanoTime();
        drive.enqueueFor(tenant, 0, JobType.AI_GENERATE_TEXT, 3, PROMPT);
        Counts before = Counts.of(cachedRead(Q));
        String body = "{\"tenant\":\"" + tenant + "\"}";

        String confirm = Api.post(token, JOBS + "cancel-by-filter", body).then().statusCode(202).extract()
                .jsonPath().getString("token");
        // The first call of the double confirm changes nothing.
        assertThat(Counts.of(read(Q)).waiting).isEqualTo(before.waiting);
        ok(Api.as(token).header("X-Confirm-Token", confirm).body(body).post(JOBS + "cancel-by-filter"));

        Counts after = Counts.of(read(Q));
        assertThat(after.waiting).isEqualTo(before.waiting - 3);
        assertThat(after.cancelled).isEqualTo(before.cancelled + 3);
    }

    @Test
    void purge() {
        QueueName email = QueueName.EMAIL;
        drive.enqueue(JobType.EMAIL_SEND_DIGEST, 3, "{\"userId\":\"u-1\",\"period\":\"weekly\"}");
        assertThat(Counts.of(cachedRead(email)).waiting).isGreaterThanOrEqualTo(3);
        String body = "{\"queue\":\"email\"}";

        String confirm = Api.post(token, "/owner/queues/purge", body).then().statusCode(202).extract().jsonPath()
                .getString("token");
        ok(Api.as(token).header("X-Confirm-Token", confirm).body(body).post("/owner/queues/purge"));

        Counts after = Counts.of(read(email));
        assertThat(after.waiting).isZero();
        assertThat(after.failed).isZero();
        assertThat(after.cancelled).isZero();
    }

    @Test
    void limitsChange() {
        assertThat(cachedRead(Q).getString("metrics.limits.maxActive")).isNull();
        try {
            ok(Api.put(token, "/owner/queues/ai/limits", "{\"maxActive\": 7}"));
            assertThat(read(Q).getInt("metrics.limits.maxActive")).isEqualTo(7);
        } finally {
            ok(Api.put(token, "/owner/queues/ai/limits", "{}"));
        }
        assertThat(read(Q).getString("metrics.limits.maxActive")).isNull();
    }

    @Test
    void scheduleRunNow() {
        String id = "fresh-" + System.nanoTime();
        Response created = Api.post(token, "/owner/schedules", """
                {"id":"%s","jobName":"system.cleanup","payload":{"olderThanHours":24},"cron":"0 0 1 1 *",
                 "timezone":"UTC"}""".formatted(id));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        try {
            Counts before = Counts.of(cachedRead(QueueName.SYSTEM));
            ok(Api.post(token, "/owner/schedules/" + id + "/run-now", null));
            assertThat(Counts.of(read(QueueName.SYSTEM)).waiting).isEqualTo(before.waiting + 1);
        } finally {
            Api.as(token).delete("/owner/schedules/" + id);
        }
    }

    /** Fresh numbers in the cache, read through it: what a console showed just before the action. */
    private JsonPath cachedRead(QueueName queue) {
        monitor.refresh(queue).await().atMost(Duration.ofSeconds(10));
        JsonPath m = read(queue);
        assertThat(TestRedis.command("EXISTS", QueueKeys.of(queue).statsCache())).as("the report is cached")
                .isEqualTo("1");
        return m;
    }

    private JsonPath read(QueueName queue) {
        return Api.get(token, "/owner/queues/" + queue.wireName() + "/metrics").then().statusCode(200).extract()
                .jsonPath();
    }

    /** Jobs of this test that failed for good (other waiting jobs of the queue are completed on the way). */
    private List<String> failedJobs(int n) {
        List<String> ids = drive.enqueue(JobType.AI_GENERATE_TEXT, n, PROMPT);
        List<String> failed = new ArrayList<>();
        for (ClaimedJob job : drive.claim(Q, "w-fresh", 1000)) {
            if (ids.contains(job.jobId())) {
                drive.fail(job, "w-fresh", 5, "model-down", "model unavailable");
                failed.add(job.jobId());
            } else {
                drive.complete(Q, "w-fresh", job, 5);
            }
        }
        assertThat(failed).containsExactlyInAnyOrderElementsOf(ids);
        return failed;
    }

    private static String ids(List<String> ids) {
        return "{\"ids\":[\"" + String.join("\",\"", ids) + "\"]}";
    }

    private static void ok(Response r) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    }

    private record Counts(long waiting, long failed, long cancelled) {
        static Counts of(JsonPath m) {
            return new Counts(m.getLong("metrics.counts.waiting"), m.getLong("metrics.counts.failed"),
                    m.getLong("metrics.counts.cancelled"));
        }
    }
}
