package io.streamq.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.security.confirm.ConfirmChallenge;
import io.streamq.security.confirm.ConfirmFailure;
import io.streamq.security.confirm.ConfirmTokenException;
import io.streamq.security.confirm.ConfirmTokens;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ConfirmTokenTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    ConfirmTokens tokens;

    @Test
    void twentyConcurrentSpendsExactlyOneWins() throws Exception {
        Map<String, Object> params = Map.of("queue", "email");
        ConfirmChallenge c = tokens.issue("alice", "queue.purge", params, Map.of("jobs", 5)).await().atMost(WAIT);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<ConfirmFailure>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> {
                    start.await();
                    try {
                        tokens.spend(c.token(), "alice", "queue.purge", params).await().atMost(WAIT);
                        return null;
                    } catch (ConfirmTokenException e) {
                        return e.failure();
                    }
                });
            }
            List<Future<ConfirmFailure>> futures = new ArrayList<>();
            for (Callable<ConfirmFailure> call : calls) {
                futures.add(pool.submit(call));
            }
            start.countDown();
            int wins = 0;
            int used = 0;
            for (Future<ConfirmFailure> f : futures) {
                ConfirmFailure failure = f.get();
                if (failure == null) {
                    wins++;
                } else if (failure == ConfirmFailure.USED) {
                    used++;
                }
            }
            assertThat(wins).isEqualTo(1);
            assertThat(used).isEqualTo(19);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        ConfirmChallenge c = tokens.issue("alice", "dlq.clear", Map.of(), Map.of(), Duration.ofMillis(50))
                .await().atMost(WAIT);
        Thread.sleep(150);
        assertFailure(c.token(), "alice", "dlq.clear", Map.of(), ConfirmFailure.EXPIRED);
    }

    @Test
    void foreignActorIsRefusedAndDoesNotSpendTheToken() {
        ConfirmChallenge c = tokens.issue("alice", "dlq.clear", Map.of(), Map.of()).await().atMost(WAIT);
        assertFailure(c.token(), "mallory", "dlq.clear", Map.of(), ConfirmFailure.FOREIGN);
        tokens.spend(c.token(), "alice", "dlq.clear", Map.of()).await().atMost(WAIT);
    }

    @Test
    void mismatchedActionOrParamsAreRefused() {
        Map<String, Object> params = Map.of("queue", "email", "state", "failed");
        ConfirmChallenge c = tokens.issue("alice", "queue.purge", params, Map.of()).await().atMost(WAIT);
        assertFailure(c.token(), "alice", "queue.purge", Map.of("queue", "ai", "state", "failed"),
                ConfirmFailure.MISMATCH);
        assertFailure(c.token(), "alice", "dlq.clear", params, ConfirmFailure.MISMATCH);
        // Same parameters in another order are the same parameters.
        tokens.spend(c.token(), "alice", "queue.purge", new java.util.TreeMap<>(params)).await().atMost(WAIT);
        assertFailure(c.token(), "alice", "queue.purge", params, ConfirmFailure.USED);
    }

    @Test
    void spendingAnswersWhenTheOwnerWasShownTheSummary() {
        ConfirmChallenge c = tokens.issue("alice", "dlq.clear", Map.of(), Map.of("entries", 3), Duration.ofSeconds(30))
                .await().atMost(WAIT);
        long issuedAt = tokens.spend(c.token(), "alice", "dlq.clear", Map.of()).await().atMost(WAIT);
        assertThat(issuedAt).isEqualTo(c.expiresAt().toEpochMilli() - 30_000);
    }

    @Test
    void unknownTokenIsRefused() {
        assertFailure("no-such-token", "alice", "dlq.clear", Map.of(), ConfirmFailure.UNKNOWN);
    }

    @Test
    void httpTwoStepFlow() {
        String token = TestTokens.owner("owner-confirm");
        String q = "confirm-q-" + System.nanoTime();
        String confirm = AuthMatrixTest.bearer(token).delete("/test/queues/" + q + "/jobs").then()
                .statusCode(202)
                .body("status", equalTo("confirmation-required"))
                .body("action", equalTo("queue.purge"))
                .body("summary.jobs", equalTo(42))
                .body("expiresInSeconds", equalTo(60))
                .body("expiresAt", notNullValue())
                .extract().path("token");
        assertThat(TestOwnerResource.PURGES.get(q)).isNull();

        // Other parameters (a state filter) than the token was issued for: refused, nothing destroyed.
        AuthMatrixTest.bearer(token).header(ConfirmTokens.HEADER, confirm).queryParam("state", "failed")
                .delete("/test/queues/" + q + "/jobs").then()
                .statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:problem-type:streamq:confirm-token:mismatch"));
        // Another owner cannot spend it.
        AuthMatrixTest.bearer(TestTokens.owner("owner-other")).header(ConfirmTokens.HEADER, confirm)
                .delete("/test/queues/" + q + "/jobs").then()
                .statusCode(409).body("type", equalTo("urn:problem-type:streamq:confirm-token:foreign"));
        assertThat(TestOwnerResource.PURGES.get(q)).isNull();

        AuthMatrixTest.bearer(token).header(ConfirmTokens.HEADER, confirm).delete("/test/queues/" + q + "/jobs")
                .then().statusCode(200).body("purged", equalTo(42));
        assertThat(TestOwnerResource.PURGES.get(q).get()).isEqualTo(1);

        AuthMatrixTest.bearer(token).header(ConfirmTokens.HEADER, confirm).delete("/test/queues/" + q + "/jobs")
                .then().statusCode(409).body("type", equalTo("urn:problem-type:streamq:confirm-token:used"))
                .body("detail", notNullValue());
        assertThat(TestOwnerResource.PURGES.get(q).get()).isEqualTo(1);
    }

    private void assertFailure(String token, String actor, String action, Map<String, ?> params,
                               ConfirmFailure expected) {
        ConfirmTokenException e = catchThrowableOfType(ConfirmTokenException.class,
                () -> tokens.spend(token, actor, action, params).await().atMost(WAIT));
        assertThat(e).isNotNull();
        assertThat(e.failure()).isEqualTo(expected);
        assertThat(e.status()).isEqualTo(409);
    }
}
