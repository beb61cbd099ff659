package io.streamq.producer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.streamq.producer.Api.assertProblem;
import static io.streamq.producer.Api.sampleJob;
import static org.assertj.core.api.Assertions.assertThat;

/** 429 from the shared library's limiter, with {@link RateLimitProfile}'s limit of 3 per window. */
@QuarkusTest
@TestProfile(RateLimitProfile.class)
@WithTestResource(RedisTestResource.class)
class RateLimitTest {

    private static final String RATE_LIMITED = "urn:problem-type:streamq:rate-limited";

    @Test
    void enqueueIsLimitedPerUserAcrossSingleAndBulk() {
        String tenant = Api.newTenant();
        String alice = TestTokens.producerAs("alice-" + UUID.randomUUID(), tenant);
        String bob = TestTokens.producerAs("bob-" + UUID.randomUUID(), tenant);
        String bulk = "{\"jobs\":[" + sampleJob() + "]}";

        Response first = Api.post(alice, sampleJob().toString());
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.header("RateLimit-Limit")).isEqualTo("3");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("2");
        assertThat(Api.postBulk(alice, bulk).statusCode()).isEqualTo(202);
        assertThat(Api.post(alice, sampleJob().toString()).statusCode()).isEqualTo(202);

        long dbBefore = TestRedis.dbSize();
        assertRateLimited(Api.post(alice, sampleJob().toString()));
        assertRateLimited(Api.postBulk(alice, bulk));
        assertThat(TestRedis.dbSize()).as("a refused request enqueues nothing").isEqualTo(dbBefore);

        // Another client app from the same IP has its own bucket.
        assertThat(Api.post(bob, sampleJob().toString()).statusCode()).isEqualTo(202);
    }

    @Test
    void readsAreLimitedPerClientIp() {
        String token = TestTokens.producerAs("reader-" + UUID.randomUUID(), Api.newTenant());
        for (int i = 0; i < RateLimitProfile.LIMIT; i++) {
            assertProblem(readFrom("203.0.113.1", token), 404);
        }
        assertRateLimited(readFrom("203.0.113.1", token));
        // Same user, other address: the per-IP bucket decides (reads have no per-user limit in this profile).
        assertProblem(readFrom("203.0.113.2", token), 404);
    }

    /**
     * A bad-token flood is limited although {@code @RolesAllowed} answers 401 before the REST filters: bad tokens
     * count in the IP's failed-authentication bucket, and a valid client app of that IP still reads.
     */
    @Test
    void badTokenFloodsAreLimitedPerClientIpWithoutLockingOutValidClients() {
        String ip = "203.0.113.50";
        for (int i = 0; i < RateLimitProfile.LIMIT; i++) {
            assertProblem(readFrom(ip, TestTokens.wrongSignature("guesser")), 401);
        }
        assertRateLimited(readFrom(ip, TestTokens.wrongSignature("guesser")));
        assertRateLimited(readFrom(ip, TestTokens.expired("guesser")));
        assertRateLimited(given().auth().oauth2("not-a-jwt").header("X-Forwarded-For", ip).contentType("application/json")
                .body(sampleJob().toString()).post("/v1/jobs"));

        Response valid = readFrom(ip, TestTokens.producerAs("reader-" + UUID.randomUUID(), Api.newTenant()));
        assertProblem(valid, 404);
        assertThat(valid.header("RateLimit-Remaining")).as("the reads bucket was not spent").isEqualTo("2");
    }

    private static Response readFrom(String ip, String token) {
        return given().auth().oauth2(token).header("X-Forwarded-For", ip).get("/v1/jobs/ai-999999999");
    }

    private static void assertRateLimited(Response r) {
        assertProblem(r, 429);
        assertThat(r.jsonPath().getString("type")).isEqualTo(RATE_LIMITED);
        assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 60);
        assertThat(r.header("RateLimit-Limit")).isEqualTo("3");
        assertThat(r.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Integer.parseInt(r.header("RateLimit-Reset"))).isBetween(1, 60);
    }
}
