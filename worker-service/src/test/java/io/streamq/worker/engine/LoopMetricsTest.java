package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** The turns of the engine's loops and of the heartbeat are counted where Prometheus reads them. */
@QuarkusTest
class LoopMetricsTest {

    @Test
    void engineLoopsAndTheHeartbeatCountTheirRuns() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("streamq_loop_runs_total{loop=\"plugins-claim\",outcome=\"ok\"}"))
                .body(containsString("streamq_loop_runs_total{loop=\"worker-heartbeat\",outcome=\"ok\"}"))
                .body(containsString("streamq_loop_last_success_seconds{loop=\"worker-heartbeat\"}")));
    }
}
