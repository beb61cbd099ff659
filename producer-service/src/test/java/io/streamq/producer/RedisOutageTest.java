package io.streamq.producer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.security.error.RedisOutages;
import io.streamq.testing.LogCapture;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While Redis is down every request that needs it is answered 503 with Retry-After, logged as one WARN for the whole
 * outage and no ERROR; once Redis is back the same requests succeed and the recovery is logged.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RedisOutageTest {

    private static final int REQUESTS_DURING_OUTAGE = 20;

    @Test
    void requestsDuringAnOutageAre503WithRetryAfterAndOneWarning() {
        try (LogCapture log = LogCapture.start()) {
            outageAndRecovery(log);
        }
    }

    private static void outageAndRecovery(LogCapture log) {
        String token = TestTokens.producerOf(Api.newTenant());
        String id = Api.post(token, Api.sampleJob().toString()).then().statusCode(202).extract().path("id");
        RedisTestServer redis = RedisTestResource.server();
        redis.stop();
        try {
            for (int i = 0; i < REQUESTS_DURING_OUTAGE; i++) {
                assertUnavailable(Api.post(token, Api.sampleJob().toString()));
            }
            assertUnavailable(Api.get(token, "/v1/jobs/" + id));
        } finally {
            redis.resume();
        }
        assertThat(log.atLeast(Level.SEVERE)).as("no ERROR for requests refused during the outage").isEmpty();
        assertThat(log.of(RedisOutages.class, Level.WARNING)).as("one WARN for the outage").hasSize(1);

        Response after = retryUntil(() -> Api.post(token, Api.sampleJob().toString()), r -> r.statusCode() != 503);
        assertThat(after.statusCode()).as(after.asString()).isEqualTo(202);
        retryUntil(() -> log.of(RedisOutages.class, Level.INFO), records -> !records.isEmpty());
        assertThat(log.of(RedisOutages.class, Level.INFO)).singleElement()
                .satisfies(r -> assertThat(r.getMessage()).contains("answers again"));
        assertThat(log.atLeast(Level.SEVERE)).isEmpty();
    }

    private static void assertUnavailable(Response r) {
        Api.assertProblem(r, 503);
        assertThat(Integer.parseInt(r.header("Retry-After"))).isPositive();
    }

    /** The client reconnects on its next command, and the recovery probe runs every second: a few tries at most. */
    private static <T> T retryUntil(Supplier<T> attempt, java.util.function.Predicate<T> done) {
        T last = attempt.get();
        for (int i = 0; i < 100 && !done.test(last); i++) {
            sleep();
            last = attempt.get();
        }
        return last;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
