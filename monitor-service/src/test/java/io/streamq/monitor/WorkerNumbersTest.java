package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.WorkerQueueStats;
import io.streamq.core.keys.WorkerKeys;
import io.streamq.monitor.service.MonitorService;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A queue's worker numbers are the workers' numbers on that queue (per-queue heartbeat counters), and a process
 * serving several queues counts once among the processes.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class WorkerNumbersTest {

    static final Duration TTL = Duration.ofSeconds(30);

    @Inject
    Drive drive;
    @Inject
    MonitorService monitor;

    @Test
    void oneProcessOfSixQueuesCountsOnceAndEachQueueSeesOnlyItsOwnWork() {
        // Only this test's workers: the registry index forgets the others (their heartbeats stay, unnamed).
        TestRedis.command("DEL", WorkerKeys.index());
        Map<String, WorkerQueueStats> six = new LinkedHashMap<>();
        six.put("ai", new WorkerQueueStats(16, 3, 100, 10, 50.0));
        six.put("workflows", new WorkerQueueStats(32, 0, 0, 0, 0));
        six.put("analytics", new WorkerQueueStats(8, 2, 40, 4, 200.0));
        six.put("email", new WorkerQueueStats(16, 0, 7, 0, 10.0));
        six.put("plugins", new WorkerQueueStats(32, 0, 0, 0, 0));
        six.put("system", new WorkerQueueStats(64, 1, 5, 1, 30.0));
        drive.beat("proc-six", "host-a", "2.0.0", six, TTL);
        drive.beat("proc-analytics", "host-b", "2.0.1",
                Map.of("analytics", new WorkerQueueStats(8, 5, 60, 6, 100.0)), TTL);

        JsonPath processes = get("/owner/queues/workers");
        assertThat(processes.getInt("alive")).as("processes, not queue × process").isEqualTo(2);
        assertThat(processes.getInt("gone")).isZero();
        assertThat(processes.getInt("workers.find { it.workerId == 'proc-six' }.byQueue.ai.processed"))
                .isEqualTo(100);
        assertThat(processes.getInt("workers.find { it.workerId == 'proc-six' }.processed")).isEqualTo(152);

        JsonPath analytics = get("/owner/queues/analytics/workers");
        assertThat(analytics.getInt("summary.alive")).isEqualTo(2);
        assertThat(analytics.getInt("summary.concurrency")).isEqualTo(16);
        assertThat(analytics.getLong("summary.jobsInProcess")).isEqualTo(7);
        assertThat(analytics.getLong("summary.totalProcessed")).isEqualTo(100);
        assertThat(analytics.getLong("summary.failed")).isEqualTo(10);
        assertThat(analytics.getLong("summary.succeeded")).isEqualTo(90);
        // (200 ms × 40 + 100 ms × 60) / 100
        assertThat(analytics.getDouble("summary.avgProcessingMs")).isCloseTo(140.0, within(1e-9));
        String six0 = "workers.find { it.workerId == 'proc-six' }.";
        assertThat(analytics.getString(six0 + "host")).isEqualTo("host-a");
        assertThat(analytics.getString(six0 + "version")).isEqualTo("2.0.0");
        assertThat(analytics.getList(six0 + "queues", String.class)).containsExactly("ai", "workflows", "analytics",
                "email", "plugins", "system");
        assertThat(analytics.getInt(six0 + "concurrency")).isEqualTo(8);
        assertThat(analytics.getInt(six0 + "active")).isEqualTo(2);
        assertThat(analytics.getLong(six0 + "processed")).isEqualTo(40);
        assertThat(analytics.getLong(six0 + "failed")).isEqualTo(4);
        assertThat(analytics.getBoolean(six0 + "perQueue")).isTrue();
        assertThat(analytics.getLong(six0 + "lastSeenAt")).isPositive();

        JsonPath ai = get("/owner/queues/ai/workers");
        assertThat(ai.getInt("summary.alive")).isEqualTo(1);
        assertThat(ai.getInt("summary.concurrency")).isEqualTo(16);
        assertThat(ai.getLong("summary.jobsInProcess")).isEqualTo(3);
        assertThat(ai.getLong("summary.totalProcessed")).isEqualTo(100);

        // The queue list and the gauges follow the per-queue numbers.
        monitor.refresh(QueueName.ANALYTICS).await().atMost(Duration.ofSeconds(10));
        monitor.refresh(QueueName.AI).await().atMost(Duration.ofSeconds(10));
        JsonPath queues = get("/owner/queues");
        assertThat(queues.getInt("find { it.queue == 'analytics' }.liveWorkers")).isEqualTo(2);
        assertThat(queues.getInt("find { it.queue == 'ai' }.liveWorkers")).isEqualTo(1);
        get("/owner/queues/workers");
        assertThat(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString()).contains(
                "streamq_queue_jobs_in_process{queue=\"analytics\"} 7.0",
                "streamq_queue_jobs_in_process{queue=\"ai\"} 3.0",
                "streamq_queue_worker_slots{queue=\"analytics\"} 16.0",
                "streamq_queue_workers{queue=\"analytics\",status=\"alive\"} 2.0",
                "streamq_worker_processes{status=\"alive\"} 2.0");

        // A process whose heartbeat expired counts as gone, once, and runs nothing any more.
        TestRedis.command("DEL", WorkerKeys.heartbeatPrefix() + "proc-analytics");
        JsonPath after = get("/owner/queues/workers");
        assertThat(after.getInt("alive")).isEqualTo(1);
        assertThat(after.getInt("gone")).isEqualTo(1);
        JsonPath analyticsAfter = get("/owner/queues/analytics/workers");
        assertThat(analyticsAfter.getInt("summary.alive")).isEqualTo(1);
        assertThat(analyticsAfter.getInt("summary.gone")).isEqualTo(1);
        assertThat(analyticsAfter.getLong("summary.jobsInProcess")).isEqualTo(2);
        assertThat(analyticsAfter.getInt("workers.find { it.workerId == 'proc-analytics' }.active")).isZero();
        assertThat(analyticsAfter.getLong("workers.find { it.workerId == 'proc-analytics' }.processed"))
                .as("its last word stays").isEqualTo(60);
    }

    /** A worker from before per-queue counters: its heartbeat still reads, its totals stand for its queue. */
    @Test
    void aHeartbeatWithoutPerQueueNumbersStillReads() {
        drive.beatJson("old-worker", """
                {"workerId":"old-worker","host":"old-host","queues":["email"],"concurrency":3,"active":1,
                 "processed":9,"failed":1,"avgProcessingMs":12.0,"startedAt":1,"sentAt":2}""", TTL);

        JsonPath email = get("/owner/queues/email/workers");
        String old = "workers.find { it.workerId == 'old-worker' }.";
        assertThat(email.getString(old + "status")).isEqualTo("alive");
        assertThat(email.getString(old + "host")).isEqualTo("old-host");
        assertThat(email.getInt(old + "concurrency")).isEqualTo(3);
        assertThat(email.getInt(old + "active")).isEqualTo(1);
        assertThat(email.getLong(old + "processed")).isEqualTo(9);
        assertThat(email.getLong(old + "failed")).isEqualTo(1);
        assertThat(email.getBoolean(old + "perQueue")).isFalse();
        assertThat(email.getString(old + "version")).isNull();
        assertThat(get("/owner/queues/workers").getList("workers.workerId", String.class)).contains("old-worker");
    }

    /** The workers of this class leave the registry, so other tests' worker counts do not see them. */
    @AfterEach
    void forgetWorkers() {
        for (String id : new String[] {"proc-six", "proc-analytics", "old-worker"}) {
            TestRedis.command("ZREM", WorkerKeys.index(), id);
            TestRedis.command("DEL", WorkerKeys.heartbeatPrefix() + id);
        }
    }

    private static JsonPath get(String path) {
        return Api.get(TestTokens.owner(), path).then().statusCode(200).extract().jsonPath();
    }
}
