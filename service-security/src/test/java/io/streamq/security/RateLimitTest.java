package io.streamq.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.security.config.SecurityConfig;
import io.streamq.security.ratelimit.RateDecision;
import io.streamq.security.ratelimit.RateLimiter;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Limits are shared by replicas: the HTTP application is replica A; replica B is a {@link SecondReplica} with its
 * own Redis client and its own {@link RateLimiter}, so the only thing they share is the Redis server.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class RateLimitTest {

    @Inject
    SecurityConfig config;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Test
    void perUserLimitIsSharedAcrossReplicas() {
        String user = "rl-user-" + System.nanoTime();
        String token = TestTokens.policies(user, "READ");
        try (SecondReplica b = new SecondReplica(RedisTestResource.server().uri())) {
            RateLimiter replicaB = new RateLimiter(b.scripts, config, service);
            // Replica B takes two of the user's three requests...
            assertThat(replicaB.check("tight", "198.51.100.9", user).await().atMost(Duration.ofSeconds(5)).allowed())
                    .isTrue();
            assertThat(replicaB.check("tight", "198.51.100.9", user).await().atMost(Duration.ofSeconds(5)).remaining())
                    .isEqualTo(1);
        }
        // ...so replica A (HTTP) allows one more and then refuses.
        AuthMatrixTest.bearer(token).post("/test/limited").then()
                .statusCode(200)
                .header("RateLimit-Limit", "3")
                .header("RateLimit-Remaining", "0")
                .header("RateLimit-Reset", notNullValue());
        AuthMatrixTest.bearer(token).post("/test/limited").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("status", equalTo(429))
                .body("type", equalTo("urn:problem-type:streamq:rate-limited"))
                .header("Retry-After", notNullValue())
                .header("RateLimit-Limit", "3")
                .header("RateLimit-Remaining", "0");
        // Another user is not affected.
        AuthMatrixTest.bearer(TestTokens.policies(user + "-other", "READ")).post("/test/limited").then()
                .statusCode(200).header("RateLimit-Remaining", "2");
    }

    @Test
    void concurrentRequestsFromTwoReplicasNeverExceedTheLimit() throws Exception {
        String user = "rl-race-" + System.nanoTime();
        RateLimiter replicaA = new RateLimiter(io.quarkus.arc.Arc.container()
                .instance(io.streamq.core.script.ScriptRunner.class).get(), config, service);
        try (SecondReplica b = new SecondReplica(RedisTestResource.server().uri())) {
            RateLimiter replicaB = new RateLimiter(b.scripts, config, service);
            ExecutorService pool = Executors.newFixedThreadPool(10);
            try {
                List<Callable<RateDecision>> calls = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    RateLimiter limiter = i % 2 == 0 ? replicaA : replicaB;
                    calls.add(() -> limiter.check("tight", "203.0.113.1", user).await().atMost(Duration.ofSeconds(5)));
                }
                long allowed = 0;
                for (Future<RateDecision> f : pool.invokeAll(calls)) {
                    if (f.get().allowed()) {
                        allowed++;
                    } else {
                        assertThat(f.get().retryAfterMs()).isPositive();
                    }
                }
                assertThat(allowed).isEqualTo(3);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void successfulResponsesCarryTheHeaders() {
        AuthMatrixTest.bearer(TestTokens.owner("rl-headers-" + System.nanoTime())).get("/test/read").then()
                .statusCode(200)
                .header("RateLimit-Limit", "600")
                .header("RateLimit-Remaining", "599");
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() {
        // The test client connects from 127.0.0.1, configured as a trusted proxy: each forwarded client has its
        // own per-IP bucket (limit 2).
        String clientA = "192.0.2." + (1 + (int) (System.nanoTime() % 200));
        given().header("X-Forwarded-For", clientA).get("/test/by-ip").then().statusCode(200)
                .header("RateLimit-Remaining", "1");
        given().header("X-Forwarded-For", clientA).get("/test/by-ip").then().statusCode(200)
                .header("RateLimit-Remaining", "0");
        given().header("X-Forwarded-For", clientA).get("/test/by-ip").then().statusCode(429);
        // A forged left-most entry does not help: the right-most untrusted hop is the client.
        given().header("X-Forwarded-For", "10.9.9.9, " + clientA).get("/test/by-ip").then().statusCode(429);
        given().header("X-Forwarded-For", "198.51.100.77").get("/test/by-ip").then().statusCode(200);
    }
}
