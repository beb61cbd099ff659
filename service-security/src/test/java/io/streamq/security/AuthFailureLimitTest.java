package io.streamq.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.streamq.core.keys.SecurityKeys;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Failed authentications are counted per client IP in a bucket of their own ({@link Budget}: 3 a minute), never in
 * an endpoint group's: a flood of bad or missing tokens from one IP is refused with 429, and a valid owner behind
 * the same IP still gets in with the group's whole allowance. The test client is a trusted proxy, so
 * {@code X-Forwarded-For} plays the client IPs.
 */
@QuarkusTest
@TestProfile(AuthFailureLimitTest.Budget.class)
@QuarkusTestResource(RedisTestResource.class)
class AuthFailureLimitTest {

    static final int FAILURES = 3;
    private static final AtomicInteger NEXT_IP = new AtomicInteger();

    public static class Budget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streamq.security.auth-failures.per-ip", Integer.toString(FAILURES));
        }
    }

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Test
    void aBadTokenFloodIsRefusedAndNeverLocksOutAValidOwnerOfTheSameIp() {
        String ip = freshIp();
        floodUntilRefused(ip, () -> TestTokens.wrongSignature("guesser"));
        // Any failure now: an expired token is refused the same way, without a check of the endpoint.
        refused(from(ip).header("Authorization", "Bearer " + TestTokens.expired("guesser")));

        // The owner's group bucket was never touched: the whole allowance is left.
        from(ip).header("Authorization", "Bearer " + TestTokens.owner("owner-" + ip)).get("/test/read").then()
                .statusCode(200)
                .header("RateLimit-Limit", "600")
                .header("RateLimit-Remaining", "599");

        // One bucket per service and limit: the keys come from queue-core's layout, with this service's name in them.
        assertThat(exists(SecurityKeys.authFailuresByIp(service, FAILURES, 60_000, ip))).isTrue();
        assertThat(exists(SecurityKeys.rateLimitByIp(service, "reads", 600, 60_000, ip))).isTrue();
        assertThat(SecurityKeys.rateLimitByIp(service, "reads", 600, 60_000, ip))
                .isNotEqualTo(SecurityKeys.rateLimitByIp("other-service", "reads", 600, 60_000, ip))
                .isNotEqualTo(SecurityKeys.rateLimitByIp(service, "reads", 2_500, 1_000, ip));
    }

    @Test
    void missingTokensOnAPolicyEndpointAreFailedAuthentications() {
        String ip = freshIp();
        for (int i = 0; i < FAILURES; i++) {
            from(ip).get("/test/read").then().statusCode(401);
        }
        refused(from(ip));
        from(ip).header("Authorization", "Bearer " + TestTokens.owner("owner-" + ip)).get("/test/read").then()
                .statusCode(200)
                .header("RateLimit-Remaining", "599");
    }

    @Test
    void failuresOfOneIpDoNotRefuseAnother() {
        String ip = freshIp();
        floodUntilRefused(ip, () -> "not-a-jwt");
        from(freshIp()).header("Authorization", "Bearer not-a-jwt").get("/test/read").then().statusCode(401);
    }

    private static void floodUntilRefused(String ip, Supplier<String> badToken) {
        for (int i = 0; i < FAILURES; i++) {
            from(ip).header("Authorization", "Bearer " + badToken.get()).get("/test/read").then().statusCode(401);
        }
        refused(from(ip).header("Authorization", "Bearer " + badToken.get()));
    }

    private static void refused(RequestSpecification request) {
        request.get("/test/read").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:problem-type:streamq:rate-limited"))
                .header("Retry-After", notNullValue())
                .header("RateLimit-Limit", Integer.toString(FAILURES))
                .header("RateLimit-Remaining", "0");
    }

    private static RequestSpecification from(String ip) {
        return given().header("X-Forwarded-For", ip);
    }

    private static String freshIp() {
        return "198.18.0." + NEXT_IP.incrementAndGet();
    }

    private static boolean exists(String key) {
        return "1".equals(RedisTestResource.server().command("EXISTS", key));
    }
}
