package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.streamq.core.job.WorkerQueueStats;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One answer for the whole platform: a configured service that is up (this monitor-service itself, over HTTP), one
 * whose port nobody listens on, one not configured; Redis's numbers; the live workers. Redis going away mid-test
 * makes the answer say so, still 200, and it recovers without a restart.
 */
@QuarkusTest
@TestProfile(PlatformHealthTest.Services.class)
@WithTestResource(RedisTestResource.class)
class PlatformHealthTest {

    static final int OWN_PORT = RedisTestServer.freePort();
    static final int SILENT_PORT = RedisTestServer.freePort();

    /** producer-service is this app itself (its real readiness over HTTP); dlq-service a closed port; no gateway. */
    public static class Services implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", Integer.toString(OWN_PORT),
                    "streamq.monitor.platform.producer-url", "http://127.0.0.1:" + OWN_PORT,
                    "streamq.monitor.platform.dlq-url", "http://127.0.0.1:" + SILENT_PORT + "/",
                    "streamq.monitor.platform.timeout", "1s");
        }
    }

    @Inject
    Drive drive;

    @Test
    void everyServiceRedisAndTheWorkersInOneAnswer() {
        drive.beat("w-two-queues", "host-a", "1.0-test", Map.of("email", new WorkerQueueStats(4, 1, 10, 0, 5),
                "ai", new WorkerQueueStats(2, 2, 3, 0, 5)), Duration.ofSeconds(30));
        drive.beat("w-one-queue", "host-b", "1.0-test", Map.of("system", new WorkerQueueStats(8, 0, 1, 0, 5)),
                Duration.ofSeconds(30));

        JsonPath h = health();
        assertThat(h.getLong("asOf")).isPositive();
        // A configured service that cannot be reached degrades the platform; a service not configured does not.
        assertThat(h.getString("status")).isEqualTo("DEGRADED");
        assertThat(h.getList("services.name", String.class))
                .containsExactly("monitor-service", "producer-service", "dlq-service", "realtime-gateway");
        assertThat(h.getString("services[0].state")).isEqualTo("UP");
        assertThat(h.getList("services[0].checks.name", String.class)).isNotEmpty();
        assertThat(h.getString("services[1].state")).isEqualTo("UP");
        assertThat(h.getList("services[1].checks.status", String.class)).isNotEmpty().containsOnly("UP");
        assertThat(h.getDouble("services[1].latencyMs")).isNotNegative();
        assertThat(h.getString("services[1].error")).isNull();
        assertThat(h.getString("services[2].state")).isEqualTo("UNREACHABLE");
        assertThat(h.getString("services[2].error")).isNotBlank();
        assertThat(h.getString("services[3].state")).isEqualTo("NOT_CONFIGURED");
        assertThat(h.getString("services[3].latencyMs")).isNull();

        assertThat(h.getBoolean("redis.reachable")).isTrue();
        assertThat(h.getString("redis.version")).matches("\\d+\\.\\d+.*");
        assertThat(h.getString("redis.role")).isEqualTo("master");
        assertThat(h.getLong("redis.connectedClients")).isPositive();
        assertThat(h.getLong("redis.usedMemoryBytes")).isPositive();
        assertThat(h.getLong("redis.maxMemoryBytes")).isNotNull();
        assertThat(h.getDouble("redis.latencyMs")).isNotNegative();
        assertThat(h.getString("redis.error")).isNull();

        // Two processes (one serves two queues): 3 jobs running of 14 slots.
        assertThat(h.getInt("workers.processes")).isEqualTo(2);
        assertThat(h.getLong("workers.busy")).isEqualTo(3);
        assertThat(h.getLong("workers.slots")).isEqualTo(14);
    }

    @Test
    void redisDownIsPartOfTheAnswerAndItRecovers() throws Exception {
        RedisTestServer redis = RedisTestResource.server();
        CompletableFuture<Void> restart = CompletableFuture.runAsync(() -> redis.restart(Duration.ofSeconds(6)));
        try {
            Drive.await("Redis reported unreachable", () -> !health().getBoolean("redis.reachable"));
            JsonPath down = health();
            assertThat(down.getString("status")).isEqualTo("DOWN");
            assertThat(down.getString("redis.error")).isNotBlank();
            assertThat(down.getString("redis.version")).isNull();
            assertThat(down.getString("workers")).isNull();
            // Its own readiness checks Redis too.
            assertThat(down.getString("services[0].state")).isEqualTo("DOWN");
            assertThat(down.getList("services.name", String.class)).hasSize(4);
        } finally {
            restart.get(30, TimeUnit.SECONDS);
        }
        Drive.await("Redis reported reachable again", () -> health().getBoolean("redis.reachable"));
        assertThat(health().getString("services[0].state")).isEqualTo("UP");
    }

    @Test
    void onlyOwnerReadersMayAsk() {
        Api.assertProblem(Api.get(null, "/owner/platform/health"), 401);
        Api.assertProblem(Api.get(TestTokens.producerAs("app-1", "t-1"), "/owner/platform/health"), 403);
        assertThat(Api.get(TestTokens.policies("dashboard-1", "READ"), "/owner/platform/health").statusCode())
                .isEqualTo(200);
    }

    /** The answer is 200 whatever is down. */
    private static JsonPath health() {
        return Api.get(TestTokens.owner(), "/owner/platform/health").then().statusCode(200).extract().jsonPath();
    }
}
