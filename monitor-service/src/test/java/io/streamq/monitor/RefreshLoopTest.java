package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamq.testing.RedisTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;

/** With the refresh on (off in the other tests), its loop runs and, as the only replica, refreshes every queue. */
@QuarkusTest
@TestProfile(RefreshLoopTest.RefreshOn.class)
@WithTestResource(RedisTestResource.class)
class RefreshLoopTest {

    public static class RefreshOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streamq.monitor.scheduler-enabled", "true", "streamq.monitor.refresh-every", "1s");
        }
    }

    @Test
    void theRefreshLoopRefreshesTheQueuesAndCountsItsTurns() throws InterruptedException {
        String done = "streamq_loop_done_total{loop=\"monitor-refresh\"}";
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String metrics = get("/q/metrics").then().statusCode(200).extract().asString();
        while (!metrics.contains(done) && System.nanoTime() < until) {
            Thread.sleep(200);
            metrics = get("/q/metrics").then().statusCode(200).extract().asString();
        }
        assertThat(metrics).contains(done, "streamq_loop_runs_total{loop=\"monitor-refresh\",outcome=\"ok\"}");
    }
}
