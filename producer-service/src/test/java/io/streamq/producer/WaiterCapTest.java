package io.streamq.producer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.streamq.producer.Waiting.Answer;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.streamq.producer.Api.assertProblem;
import static io.streamq.producer.CancelTest.QUEUE;
import static io.streamq.producer.CancelTest.enqueue;
import static org.assertj.core.api.Assertions.assertThat;

/** Beyond its maximum of waiting reads a replica answers 503 with Retry-After, and takes waiters again later. */
@QuarkusTest
@TestProfile(WaiterCapProfile.class)
@WithTestResource(RedisTestResource.class)
class WaiterCapTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    TestWorker worker;

    private final String token = TestTokens.producerOf(Api.newTenant());

    @Test
    void waiterBeyondTheCapIs503WithRetryAfter() throws Exception {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<Answer>> waiting = new ArrayList<>();
        for (int i = 0; i < WaiterCapProfile.MAX_WAITERS; i++) {
            String id = enqueue(token, 0);
            ids.add(id);
            waiting.add(Waiting.get(base, token, Waiting.waitPath(id, 30)));
            Waiting.awaitWatched(QUEUE, id);
        }
        assertThat(RestAssured.get("/q/metrics").asString())
                .contains("streamq_producer_waiters " + WaiterCapProfile.MAX_WAITERS + ".0");
        String extra = enqueue(token, 0);

        Response refused = assertProblem(Api.get(token, Waiting.waitPath(extra, 30)), 503);

        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.jsonPath().getString("detail")).contains("waiting");
        assertThat(TestRedis.jobField(QUEUE, extra, "watched")).isNull();
        // A read without wait is not a waiter.
        assertThat(Api.get(token, "/v1/jobs/" + extra).statusCode()).isEqualTo(200);

        ids.forEach(worker::cancel);
        for (CompletableFuture<Answer> w : waiting) {
            assertThat(w.get(5, TimeUnit.SECONDS).state()).isEqualTo("cancelled");
        }
        Answer later = Waiting.get(base, token, Waiting.waitPath(extra, 1)).get(10, TimeUnit.SECONDS);
        assertThat(later.status()).isEqualTo(200);
        assertThat(later.state()).isEqualTo("waiting");
    }
}
