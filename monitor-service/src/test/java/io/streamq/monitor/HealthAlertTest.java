package io.streamq.monitor;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimedJob;
import io.streamq.monitor.health.HealthStatus;
import io.streamq.monitor.service.MonitorService;
import io.streamq.monitor.service.QueueReport;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queue with waiting jobs, a growing backlog and no worker turns critical, says why and what to do, alerts once;
 * once a worker drains it, it recovers and alerts once more.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class HealthAlertTest {

    static final QueueName Q = QueueName.PLUGINS;
    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Drive drive;
    @Inject
    MonitorService monitor;
    @Inject
    ReactiveRedisDataSource redis;

    @Test
    void criticalOnceThenRecoveredOnce() throws Exception {
        List<String> alerts = new CopyOnWriteArrayList<>();
        ReactiveRedisSubscriber subscriber = redis.pubsub(String.class)
                .subscribe(Channels.ALERTS, message -> {
                    if (message.contains("\"queue\":\"plugins\"")) {
                        alerts.add(message);
                    }
                }).await().atMost(WAIT);
        try {
            // 60 enqueued, nothing finished: the backlog grows 60/5 = 12 per minute, and nobody consumes plugins.
            drive.enqueue(JobType.PLUGIN_SYNC, 60, "{\"pluginId\":\"acme.crm-sync\"}");
            QueueReport report = monitor.refresh(Q).await().atMost(WAIT);
            assertThat(report.health().status()).isEqualTo(HealthStatus.CRITICAL);
            assertThat(report.health().score()).isEqualTo(35);
            assertThat(report.health().issues()).extracting(i -> i.rule())
                    .containsExactly("backlog-growth", "no-workers");
            assertThat(report.health().issues().get(0).recommendation())
                    .startsWith("0 workers consume plugins; backlog grows 12/min: raise plugins concurrency");
            assertThat(report.health().issues().get(1).issue())
                    .isEqualTo("no live worker consumes plugins while 60 jobs wait");

            // Evaluated again and again while it stays critical: still one alert.
            monitor.refresh(Q).await().atMost(WAIT);
            monitor.refresh(Q).await().atMost(WAIT);
            Drive.await("the critical alert", () -> !alerts.isEmpty());

            JsonPath health = Api.get(TestTokens.owner(), "/owner/queues/health").then().statusCode(200).extract()
                    .jsonPath();
            assertThat(health.getString("find { it.queue == 'plugins' }.status")).isEqualTo("critical");
            assertThat(io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString())
                    .contains("streamq_queue_critical{queue=\"plugins\"} 1.0")
                    .contains("streamq_queue_jobs{queue=\"plugins\",state=\"waiting\"} 60.0");

            // A worker comes and drains the queue.
            drive.beat("w-plugins", List.of("plugins"), Duration.ofSeconds(30));
            List<ClaimedJob> jobs = drive.claim(Q, "w-plugins", 100);
            assertThat(jobs).hasSize(60);
            for (ClaimedJob job : jobs) {
                drive.complete(Q, "w-plugins", job, 20);
            }
            QueueReport recovered = monitor.refresh(Q).await().atMost(WAIT);
            assertThat(recovered.health().status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(recovered.health().issues()).isEmpty();
            monitor.refresh(Q).await().atMost(WAIT);
            Drive.await("the recovery alert", () -> alerts.size() >= 2);
            // Pub/sub delivers in order; give a stray third message the same chance to arrive, then count.
            Thread.sleep(300);
            assertThat(alerts).hasSize(2);
            assertThat(alerts.get(0)).contains("\"type\":\"queue.alert\"").contains("\"status\":\"critical\"")
                    .contains("\"previous\":\"ok\"").contains("no-workers");
            assertThat(alerts.get(1)).contains("\"status\":\"recovered\"").contains("\"previous\":\"critical\"");
            assertThat(io.restassured.RestAssured.get("/q/metrics").then().extract().asString())
                    .contains("streamq_queue_critical{queue=\"plugins\"} 0.0");
        } finally {
            subscriber.unsubscribe().await().atMost(WAIT);
        }
    }
}
