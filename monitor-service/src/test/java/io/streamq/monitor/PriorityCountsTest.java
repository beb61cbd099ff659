package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.monitor.service.MonitorService;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Owners see waiting jobs per priority: in the queue stats and metrics answers, and as a Prometheus gauge. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class PriorityCountsTest {

    static final QueueName Q = QueueName.SYSTEM;

    @Inject
    Drive drive;
    @Inject
    MonitorService monitor;

    @Test
    void waitingJobsAreCountedPerPriority() {
        Map<String, Long> before = waitingByPriority(statsAfterRefresh());

        drive.enqueueAt(2, JobType.SYSTEM_HEALTH_CHECK, 3, "{}");
        drive.enqueueAt(9, JobType.SYSTEM_HEALTH_CHECK, 1, "{}");
        drive.enqueue(JobType.SYSTEM_HEALTH_CHECK, 2, "{}");

        JsonPath stats = statsAfterRefresh();
        Map<String, Long> after = waitingByPriority(stats);
        assertThat(after).containsOnlyKeys("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(after.get("2") - before.get("2")).isEqualTo(3);
        assertThat(after.get("9") - before.get("9")).isEqualTo(1);
        assertThat(after.get("5") - before.get("5")).isEqualTo(2);
        assertThat(after.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(stats.getLong("find { it.queue == 'system' }.counts.waiting"));

        JsonPath metrics = Api.get(TestTokens.owner(), "/owner/queues/system/metrics").then().statusCode(200)
                .extract().jsonPath();
        assertThat(metrics.getLong("metrics.counts.waitingByPriority.'2'")).isEqualTo(after.get("2"));
        assertThat(RestAssured.get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("streamq_queue_waiting_jobs{priority=\"2\",queue=\"system\"} " + after.get("2") + ".0")
                .contains("streamq_queue_waiting_jobs{priority=\"9\",queue=\"system\"} " + after.get("9") + ".0");
    }

    private JsonPath statsAfterRefresh() {
        monitor.refresh(Q).await().atMost(Duration.ofSeconds(10));
        return Api.get(TestTokens.owner(), "/owner/queues/stats").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Long> waitingByPriority(JsonPath stats) {
        Map<String, Object> raw = stats.getMap("find { it.queue == 'system' }.counts.waitingByPriority");
        return raw.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> ((Number) e.getValue()).longValue()));
    }
}
