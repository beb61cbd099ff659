package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.keys.WorkerKeys;
import io.streamq.core.store.WorkerRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Readiness and the heartbeat say what the engine's loops really do. */
@QuarkusTest
class EngineHealthTest {

    private static final Duration STALL = Duration.ofMillis(300);

    @Inject
    WorkerRegistry registry;

    @Inject
    RedisDataSource redis;

    @Test
    void aLoopKilledByAnErrorIsReportedDeadNotSilentlyGone() {
        EngineLoop loop = new EngineLoop("test-error", () -> {
            throw new StackOverflowError("deep");
        });
        loop.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> loop.health(STALL).state() == LoopHealth.State.DEAD);
        assertThat(loop.health(STALL).detail()).contains("StackOverflowError");
    }

    @Test
    void aLoopFailingWithAnExceptionGoesOnAndStaysHealthy() throws InterruptedException {
        CountDownLatch turns = new CountDownLatch(2);
        EngineLoop loop = new EngineLoop("test-failing", () -> {
            turns.countDown();
            throw new IllegalStateException("Redis away");
        });
        loop.start();
        try {
            assertThat(turns.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("a second turn after the failure")
                    .isTrue();
            assertThat(loop.health(Duration.ofSeconds(5)).healthy()).isTrue();
        } finally {
            loop.stop();
        }
    }

    @Test
    void aLoopStuckInATurnIsReportedStalledButOneInAPlannedPauseIsNot() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        EngineLoop stuck = new EngineLoop("test-stuck", () -> {
            release.await();
            return Duration.ZERO;
        });
        EngineLoop pausing = new EngineLoop("test-pausing", () -> Duration.ofSeconds(30));
        stuck.start();
        pausing.start();
        try {
            Thread.sleep(STALL.multipliedBy(2));
            assertThat(stuck.health(STALL).state()).isEqualTo(LoopHealth.State.STALLED);
            assertThat(pausing.health(STALL).state()).isEqualTo(LoopHealth.State.RUNNING);
        } finally {
            release.countDown();
            stuck.stop();
            pausing.stop();
        }
    }

    @Test
    void readinessListsEveryLoopOfTheServiceEngine() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == '" + EngineReadiness.NAME + "' }.status", equalTo("UP"))
                .body("checks.find { it.name == '" + EngineReadiness.NAME + "' }.data.keySet()",
                        hasItem("plugins-claim"));
    }

    /** heartbeat-interval × 3 is the heartbeat's TTL: below a second it used to be written as EX 0, an error. */
    @Test
    void aSubSecondHeartbeatTtlIsKeptInMilliseconds() {
        String id = "sub-second-worker";
        registry.beat(id, "{\"workerId\":\"" + id + "\"}", Duration.ofMillis(100).multipliedBy(3))
                .await().atMost(Duration.ofSeconds(5));

        long pttl = redis.key().pttl(WorkerKeys.heartbeatPrefix() + id);
        assertThat(pttl).isBetween(1L, 300L);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> redis.value(String.class).get(WorkerKeys.heartbeatPrefix() + id) == null);
    }
}
