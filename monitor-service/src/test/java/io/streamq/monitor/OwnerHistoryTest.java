package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.JobError;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.QueueAlerts;
import io.streamq.core.store.WorkQueue;
import io.streamq.monitor.alert.AlertPublisher;
import io.streamq.monitor.health.HealthIssue;
import io.streamq.monitor.health.HealthStatus;
import io.streamq.monitor.health.QueueHealth;
import io.streamq.monitor.service.MonitorService;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an owner reads back over time: the alert history (capped, newest first), throughput per minute (one point a
 * minute, zeros included), the last full minute beside the window's average, failure reasons by jobs and attempts.
 */
@QuarkusTest
@TestProfile(OwnerHistoryTest.OwnHistory.class)
@WithTestResource(RedisTestResource.class)
class OwnerHistoryTest {

    /** A Redis of its own: the throughput sums and the alert history hold only what this class did. */
    public static class OwnHistory implements QuarkusTestProfile {
    }

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String OWNER = TestTokens.owner();

    @Inject
    Drive drive;
    @Inject
    AlertPublisher alerts;
    @Inject
    MonitorService monitor;
    @Inject
    WorkQueue work;

    @Test
    void theAlertHistoryKeepsTheNewestPublishedAlertsOfEveryQueueNewestFirst() throws InterruptedException {
        int published = QueueAlerts.HISTORY_LENGTH + 5;
        for (int i = 0; i < published; i++) {
            publish(QueueName.EMAIL, i % 2 == 0, 100 - i % 60);
        }
        // A later millisecond, so that this one is the newest of all.
        Thread.sleep(2);
        publish(QueueName.WORKFLOWS, true, 12);

        JsonPath all = Api.get(OWNER, "/owner/queues/alerts?limit=" + QueueAlerts.HISTORY_LENGTH).then()
                .statusCode(200).extract().jsonPath();
        assertThat(all.getLong("asOf")).isPositive();
        List<Long> at = all.getList("alerts.at", Long.class);
        assertThat(at).hasSize(QueueAlerts.HISTORY_LENGTH).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(all.getString("alerts[0].queue")).isEqualTo("workflows");
        assertThat(all.getString("alerts[0].status")).isEqualTo("critical");
        assertThat(all.getInt("alerts[0].score")).isEqualTo(12);
        assertThat(all.getString("alerts[0].health")).isEqualTo("critical");
        assertThat(all.getString("alerts[0].issues[0].rule")).isEqualTo("no-workers");
        // email published 205 times (critical, recovered, ...; the last, number 204, critical): it keeps 200, so
        // 199 of them are here, the newest first.
        assertThat(all.getList("alerts.queue", String.class).subList(1, QueueAlerts.HISTORY_LENGTH))
                .containsOnly("email");
        assertThat(all.getString("alerts[1].status")).isEqualTo("critical");
        assertThat(all.getString("alerts[1].previous")).isEqualTo("ok");
        assertThat(all.getString("alerts[2].status")).isEqualTo("recovered");
        assertThat(all.getInt("alerts[1].score")).isEqualTo(100 - (published - 1) % 60);
        assertThat(TestRedis.command("LLEN", io.streamq.core.keys.MonitorKeys.alertHistory(QueueName.EMAIL)))
                .isEqualTo(Integer.toString(QueueAlerts.HISTORY_LENGTH));

        JsonPath two = Api.get(OWNER, "/owner/queues/alerts?limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(two.getList("alerts.at", Long.class)).containsExactlyElementsOf(at.subList(0, 2));
        assertThat(Api.get(OWNER, "/owner/queues/alerts").then().statusCode(200).extract().jsonPath()
                .getList("alerts")).hasSize(50);

        for (String bad : List.of("0", "201")) {
            Response r = Api.assertProblem(Api.get(OWNER, "/owner/queues/alerts?limit=" + bad), 400);
            assertThat(r.jsonPath().getList("errors.field", String.class)).as(bad).containsExactly("limit");
        }
    }

    @Test
    void throughputIsOnePointAMinuteOldestFirstWithZeros() {
        QueueName q = QueueName.AI;
        QueueKeys k = QueueKeys.of(q);
        long minuteNow = redisMinute();
        // Facts of two past minutes, as the scripts record them.
        TestRedis.command("HSET", k.minutePrefix() + (minuteNow - 5), "completed", "7", "failed", "2",
                "failedAttempts", "3");
        TestRedis.command("HSET", k.minutePrefix() + (minuteNow - 30), "completed", "4");
        // And jobs finished now: 3 completed, 2 failed for good.
        drive.enqueue(JobType.AI_GENERATE_TEXT, 5, "{\"prompt\":\"p\",\"model\":\"m\"}");
        List<ClaimedJob> jobs = drive.claim(q, "w-series", 5);
        assertThat(jobs).hasSize(5);
        for (int i = 0; i < 3; i++) {
            drive.complete(q, "w-series", jobs.get(i), 10);
        }
        drive.fail(jobs.get(3), "w-series", 10, "boom", "failed");
        drive.fail(jobs.get(4), "w-series", 10, "boom", "failed");

        JsonPath t = Api.get(OWNER, "/owner/queues/ai/throughput?minutes=60").then().statusCode(200).extract()
                .jsonPath();
        assertThat(t.getString("queue")).isEqualTo("ai");
        assertThat(t.getInt("minutes")).isEqualTo(60);
        List<Long> minutes = t.getList("points.minute", Long.class);
        assertThat(minutes).hasSize(60);
        for (int i = 1; i < minutes.size(); i++) {
            assertThat(minutes.get(i) - minutes.get(i - 1)).isEqualTo(60_000);
        }
        assertThat(minutes.getLast()).isEqualTo(t.getLong("asOf") / 60_000 * 60_000);
        assertThat(t.getLong("points.find { it.minute == " + (minuteNow - 5) * 60_000 + " }.completed")).isEqualTo(7);
        assertThat(t.getLong("points.find { it.minute == " + (minuteNow - 5) * 60_000 + " }.failed")).isEqualTo(2);
        assertThat(t.getLong("points.find { it.minute == " + (minuteNow - 5) * 60_000 + " }.failedAttempts"))
                .isEqualTo(3);
        assertThat(t.getLong("points.find { it.minute == " + (minuteNow - 30) * 60_000 + " }.completed"))
                .isEqualTo(4);
        assertThat(t.getList("points.completed", Long.class).stream().mapToLong(Long::longValue).sum())
                .isEqualTo(7 + 4 + 3);
        assertThat(t.getList("points.failed", Long.class).stream().mapToLong(Long::longValue).sum())
                .isEqualTo(2 + 2);
        // Every other minute is there, as zeros.
        assertThat(t.getList("points.findAll { it.completed == 0 && it.failed == 0 }")).hasSizeGreaterThanOrEqualTo(
                60 - 3 - 1);

        assertThat(Api.get(OWNER, "/owner/queues/ai/throughput").then().statusCode(200).extract().jsonPath()
                .getList("points")).hasSize(60);
        assertThat(Api.get(OWNER, "/owner/queues/ai/throughput?minutes=1440").then().statusCode(200).extract()
                .jsonPath().getList("points")).hasSize(1440);
        for (String bad : List.of("0", "1441")) {
            Response r = Api.assertProblem(Api.get(OWNER, "/owner/queues/ai/throughput?minutes=" + bad), 400);
            assertThat(r.jsonPath().getList("errors.field", String.class)).as(bad).containsExactly("minutes");
        }
        Api.assertProblem(Api.get(OWNER, "/owner/queues/nope/throughput"), 404);
    }

    @Test
    void theLastFullMinuteStandsBesideTheWindowAverage() {
        QueueName q = QueueName.WORKFLOWS;
        QueueKeys k = QueueKeys.of(q);
        JsonPath m = null;
        // The last full minute is the one before the Redis clock's; should the minute turn between the write and
        // the read, write it again for the new one.
        for (int attempt = 0; attempt < 3; attempt++) {
            long minuteNow = redisMinute();
            TestRedis.command("HSET", k.minutePrefix() + (minuteNow - 1), "completed", "17", "failed", "3");
            monitor.refresh(q).await().atMost(WAIT);
            m = Api.get(OWNER, "/owner/queues/workflows/metrics").then().statusCode(200).extract().jsonPath();
            if (m.getLong("asOf") / 60_000 == minuteNow) {
                break;
            }
        }
        assertThat(m.getLong("metrics.rates.perMinuteLastMinute")).isEqualTo(20);
        assertThat(m.getInt("metrics.rates.minutes")).isEqualTo(5);
        assertThat(m.getDouble("metrics.rates.throughputPerMinute")).isEqualTo(4.0);
        assertThat(m.getLong("metrics.asOf")).isEqualTo(m.getLong("asOf"));
        assertThat(m.getLong("health.asOf")).isEqualTo(m.getLong("asOf"));

        JsonPath summary = Api.get(OWNER, "/owner/queues").then().statusCode(200).extract().jsonPath();
        assertThat(summary.getLong("find { it.queue == 'workflows' }.perMinuteLastMinute")).isEqualTo(20);
        assertThat(summary.getInt("find { it.queue == 'workflows' }.windowMinutes")).isEqualTo(5);
        assertThat(summary.getLong("find { it.queue == 'workflows' }.asOf")).isEqualTo(m.getLong("asOf"));
        // Every other read says when it was read, too.
        for (String read : List.of("/owner/queues/stats", "/owner/queues/health", "/owner/queues/metrics")) {
            assertThat(Api.get(OWNER, read).then().statusCode(200).extract().jsonPath()
                    .getLong("find { it.queue == 'workflows' }.asOf")).as(read).isEqualTo(m.getLong("asOf"));
        }
        for (String read : List.of("/owner/queues/workers", "/owner/queues/workflows/workers",
                "/owner/queues/workflows/processing-times", "/owner/queues/workflows/jobs?state=completed")) {
            assertThat(Api.get(OWNER, read).then().statusCode(200).extract().jsonPath().getLong("asOf")).as(read)
                    .isPositive();
        }
        assertThat(io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("streamq_queue_throughput_last_minute{queue=\"workflows\"} 20.0")
                .containsPattern("streamq_queue_report_age_seconds\\{queue=\"workflows\"} \\d");
    }

    @Test
    void failureReasonsCountJobsAndAttemptsApart() {
        QueueName q = QueueName.PLUGINS;
        String payload = "{\"pluginId\":\"acme.crm-sync\"}";
        List<String> ids = drive.enqueue(JobType.PLUGIN_SYNC, 3, payload);
        List<ClaimedJob> first = drive.claim(q, "w-reasons", 3);
        assertThat(first).extracting(ClaimedJob::jobId).containsExactlyElementsOf(ids);
        // Job 1 fails three attempts with the same reason, the last for good.
        ClaimedJob one = first.get(0);
        one = retryNow(one, "http-500", "upstream answered 500");
        one = retryNow(one, "http-500", "upstream answered 500");
        drive.fail(one, "w-reasons", 10, "http-500", "upstream answered 500");
        // Job 2 fails once with it.
        drive.fail(first.get(1), "w-reasons", 10, "http-500", "upstream answered 500");
        // Job 3 alternates: 500, 410, 500.
        ClaimedJob three = retryNow(first.get(2), "http-500", "upstream answered 500");
        three = retryNow(three, "http-410", "gone");
        drive.fail(three, "w-reasons", 10, "http-500", "upstream answered 500");

        JsonPath r = Api.get(OWNER, "/owner/queues/plugins/failure-reasons").then().statusCode(200).extract()
                .jsonPath();
        assertThat(r.getLong("asOf")).isPositive();
        assertThat(r.getLong("reasons.find { it.code == 'http-500' }.attempts")).isEqualTo(3 + 1 + 2);
        assertThat(r.getLong("reasons.find { it.code == 'http-500' }.jobs")).isEqualTo(3);
        assertThat(r.getLong("reasons.find { it.code == 'http-410' }.attempts")).isEqualTo(1);
        assertThat(r.getLong("reasons.find { it.code == 'http-410' }.jobs")).isEqualTo(1);
    }

    /** The attempt fails with a retry due at once; answers the job's next attempt, claimed. */
    private ClaimedJob retryNow(ClaimedJob job, String code, String message) {
        assertThat(work.retry(job, "w-reasons", 0, 10, new JobError(code, "TestError", message, ""))
                .await().atMost(WAIT)).isTrue();
        work.promote(job.queue(), 10).await().atMost(WAIT);
        List<ClaimedJob> again = drive.claim(job.queue(), "w-reasons", 1);
        assertThat(again).extracting(ClaimedJob::jobId).containsExactly(job.jobId());
        return again.getFirst();
    }

    private void publish(QueueName queue, boolean critical, int score) {
        List<HealthIssue> issues = critical ? List.of(new HealthIssue("no-workers", "no live worker", "start one", 40, Map.of("queue", "email", "waiting", 3)))
                : List.of();
        QueueHealth health = new QueueHealth(queue.wireName(), System.currentTimeMillis(), score,
                critical ? HealthStatus.CRITICAL : HealthStatus.HEALTHY, issues);
        assertThat(alerts.evaluate(queue, health).await().atMost(WAIT)).isEqualTo(QueueAlerts.Result.PUBLISHED);
    }

    /** The current minute of the Redis clock, the one the scripts count in. */
    private static long redisMinute() {
        return Long.parseLong(TestRedis.command("TIME").lines().findFirst().orElseThrow()) / 60;
    }
}
