package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The metrics of a queue equal what the test did to it through queue-core, the way workers do. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class MetricsTest {

    static final QueueName Q = QueueName.ANALYTICS;

    @Inject
    Drive drive;
    @Inject
    MonitorService monitor;

    @Test
    void metricsMatchWhatHappened() throws InterruptedException {
        drive.enqueue(JobType.ANALYTICS_TRACK_EVENT, 6, "{\"event\":\"checkout.completed\"}");
        List<ClaimedJob> jobs = drive.claim(Q, "w-metrics", 6);
        assertThat(jobs).hasSize(6);
        long[] durations = {100, 200, 300, 400};
        for (int i = 0; i < 4; i++) {
            drive.complete(Q, "w-metrics", jobs.get(i), durations[i]);
        }
        drive.retry(jobs.get(4), "w-metrics", 50, "timeout", "took too long");
        // Failure reasons are ordered by last-seen millisecond, ties by name: a later millisecond makes "newest
        // first" observable (both calls often land in the same one).
        Thread.sleep(2);
        drive.fail(jobs.get(5), "w-metrics", 500, "invalid-payload", "bad date");
        drive.enqueue(JobType.ANALYTICS_TRACK_EVENT, 1, "{\"event\":\"later\"}");

        monitor.refresh(Q).await().atMost(Duration.ofSeconds(10));
        JsonPath m = Api.get(TestTokens.owner(), "/owner/queues/analytics/metrics").then().statusCode(200)
                .extract().jsonPath();

        assertThat(m.getLong("metrics.counts.waiting")).isEqualTo(1);
        assertThat(m.getLong("metrics.counts.active")).isZero();
        assertThat(m.getLong("metrics.counts.delayed")).isEqualTo(1);
        assertThat(m.getLong("metrics.counts.completed")).isEqualTo(4);
        assertThat(m.getLong("metrics.counts.failed")).isEqualTo(1);
        assertThat(m.getBoolean("metrics.paused")).isFalse();
        // 4 completed + 1 failed for good within the 5-minute window.
        assertThat(m.getDouble("metrics.rates.throughputPerMinute")).isCloseTo(1.0, within(1e-9));
        assertThat(m.getLong("metrics.rates.enqueued")).isEqualTo(7);
        assertThat(m.getDouble("metrics.rates.successRate")).isCloseTo(0.8, within(1e-9));
        // 2 failed attempts of 6 attempts.
        assertThat(m.getDouble("metrics.rates.errorRate")).isCloseTo(0.3333, within(1e-4));
        assertThat(m.getInt("metrics.processing.samples")).isEqualTo(6);
        assertThat(m.getDouble("metrics.processing.avgMs")).isCloseTo(258.33, within(0.01));
        assertThat(m.getLong("metrics.processing.p50Ms")).isEqualTo(200);
        assertThat(m.getLong("metrics.processing.p95Ms")).isEqualTo(500);
        assertThat(m.getLong("metrics.processing.p99Ms")).isEqualTo(500);
        assertThat(m.getLong("metrics.oldestWaitingAgeMs")).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(m.getLong("metrics.retried")).isEqualTo(1);
        assertThat(m.getLong("metrics.deadPending")).isEqualTo(1);
        assertThat(m.getString("health.status")).isNotBlank();

        // The report cache keys hold what was served.
        assertThat(TestRedis.command("GET", QueueKeys.of(Q).statsCache())).contains("\"completed\":4");
        assertThat(Long.parseLong(TestRedis.command("PTTL", QueueKeys.of(Q).statsCache()))).isBetween(1L, 10_000L);
        assertThat(Long.parseLong(TestRedis.command("PTTL", QueueKeys.of(Q).healthCache()))).isBetween(10_001L, 60_000L);
        assertThat(TestRedis.command("GET", QueueKeys.of(Q).throughputCache())).contains("\"perMinute\":1.0");

        JsonPath times = Api.get(TestTokens.owner(), "/owner/queues/analytics/processing-times?limit=3")
                .then().statusCode(200).extract().jsonPath();
        // Newest first: the failure (500), the retry (50), then the last completion batch entry (400).
        assertThat(times.getList("processingTimesMs", Long.class)).containsExactly(500L, 50L, 400L);

        JsonPath reasons = Api.get(TestTokens.owner(), "/owner/queues/analytics/failure-reasons?limit=10")
                .then().statusCode(200).extract().jsonPath();
        assertThat(reasons.getList("reasons.code", String.class)).containsExactly("invalid-payload", "timeout");
        assertThat(reasons.getList("reasons.message", String.class)).containsExactly("bad date", "took too long");
        assertThat(reasons.getList("reasons.attempts", Long.class)).containsExactly(1L, 1L);
        assertThat(reasons.getList("reasons.jobs", Long.class)).containsExactly(1L, 1L);
    }

    @Test
    void workersAreAliveWhileTheyBeatAndGoneAfter() {
        drive.beat("w-alive", List.of("analytics"), Duration.ofSeconds(30));
        drive.beat("w-leaving", List.of("analytics", "system"), Duration.ofSeconds(30));
        JsonPath before = Api.get(TestTokens.owner(), "/owner/queues/analytics/workers").then().statusCode(200)
                .extract().jsonPath();
        assertThat(before.getInt("summary.alive")).isEqualTo(2);
        assertThat(before.getLong("summary.totalProcessed")).isEqualTo(20);
        assertThat(before.getLong("summary.failed")).isEqualTo(4);
        assertThat(before.getLong("summary.succeeded")).isEqualTo(16);
        assertThat(before.getLong("summary.jobsInProcess")).isEqualTo(2);

        // The heartbeat of w-leaving stops: its key expires (here: is deleted, as expiry would).
        TestRedis.command("DEL", io.streamq.core.keys.WorkerKeys.heartbeatPrefix() + "w-leaving");
        JsonPath after = Api.get(TestTokens.owner(), "/owner/queues/analytics/workers").then().statusCode(200)
                .extract().jsonPath();
        assertThat(after.getInt("summary.alive")).isEqualTo(1);
        assertThat(after.getInt("summary.gone")).isEqualTo(1);
        assertThat(after.getString("workers.find { it.workerId == 'w-leaving' }.status")).isEqualTo("gone");
        assertThat(after.getString("workers.find { it.workerId == 'w-alive' }.status")).isEqualTo("alive");
    }
}
