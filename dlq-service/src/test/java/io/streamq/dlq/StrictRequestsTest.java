package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.keys.SecurityKeys;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * Bodies and parameters the DLQ API refuses, named: a typo in a clear's filter is a 400, not a proposal to clear the
 * whole DLQ; nothing is proposed (no confirm token), deleted or replayed.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class StrictRequestsTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    DlqStore store;

    @Inject
    RedisDataSource redis;

    private String owner;

    @BeforeEach
    void oneEntry() {
        owner = TestTokens.owner("strict-owner");
        long t = System.currentTimeMillis() - 60_000;
        store.insert(List.of(new DlqRecord("ai", "ai-990001", "ai.strict", "E", "strict", "", "strict", t, t, 1, "{}",
                "", "", "", 0, "strict")), 0, Duration.ofHours(50)).await().atMost(Duration.ofSeconds(5));
    }

    private long entries() {
        return redis.sortedSet(String.class).zcard(DlqKeys.all());
    }

    private long confirmTokens() {
        return redis.key().keys(SecurityKeys.confirmToken("*")).size();
    }

    /** Sends the request and checks that no entry went and no clear was proposed. */
    private ValidatableResponse refused(Function<RequestSpecification, io.restassured.response.Response> send) {
        long entries = entries();
        long tokens = confirmTokens();
        ValidatableResponse answer = send.apply(given().auth().oauth2(owner)).then().contentType(PROBLEM);
        assertThat(entries()).as("DLQ entries").isEqualTo(entries);
        assertThat(confirmTokens()).as("confirm tokens").isEqualTo(tokens);
        return answer;
    }

    private ValidatableResponse clear(String body) {
        return refused(r -> r.contentType("application/json").body(body).post("/owner/dlq/clear"));
    }

    @Test
    void aClearWithATypoIsRefusedNotProposedForEverything() {
        clear("{\"originalQueu\":\"ai\"}").statusCode(400).body("errors.field", contains("originalQueu"))
                .body("errors[0].message", equalTo("is not a known field"));
        clear("null").statusCode(400).body("errors.field", contains("body"));
        clear("{\"originalQueue\":\"ai\"} {\"minReplayCount\":1}").statusCode(400)
                .body("type", equalTo("urn:problem-type:streamq:malformed-body"));
        clear("{\"originalQueue\":\"ai\",\"originalQueue\":\"email\"}").statusCode(400);
        clear("{\"minReplayCount\":\"1\"}").statusCode(400).body("errors.field", contains("minReplayCount"));
        clear("{\"originalQueue\":\"a\\udc00\"}").statusCode(400).body("errors.field", contains("originalQueue"));
    }

    @Test
    void aBodyMustBeJsonInUtf8() {
        byte[] body = "{\"originalQueue\":\"ai\"}".getBytes(StandardCharsets.UTF_8);
        refused(r -> r.body(body).post("/owner/dlq/clear")).statusCode(415);
        refused(r -> r.contentType("application/json; charset=utf-16").body(body).post("/owner/dlq/clear"))
                .statusCode(415);
        refused(r -> r.contentType("text/plain").body("{\"ids\":[\"ai-990001\"]}").post("/owner/dlq/bulk-delete"))
                .statusCode(415);
    }

    @Test
    void idsThatAreNumbersAreNotTakenAsStrings() {
        refused(r -> r.contentType("application/json").body("{\"ids\":[\"ai-990001\",990001]}")
                .post("/owner/dlq/bulk-delete")).statusCode(400).body("errors.field", contains("ids[1]"));
        refused(r -> r.contentType("application/json").body("{\"ids\":[990001]}")
                .post("/owner/queues/dlq/bulk-replay")).statusCode(400).body("errors.field", contains("ids[0]"));
    }

    @Test
    void aPageThatIsNotANumberNamesItsParameter() {
        refused(r -> r.queryParam("page", "abc").get("/owner/dlq")).statusCode(400)
                .body("errors.field", contains("page"));
        refused(r -> r.queryParam("pageSize", "99999999999").get("/owner/dlq")).statusCode(400)
                .body("errors.field", contains("pageSize"));
        refused(r -> r.queryParam("hours", "x").get("/owner/dlq/trends")).statusCode(400)
                .body("errors.field", contains("hours"));
        refused(r -> r.queryParam("minReplayCount", "1.5").get("/owner/dlq/export")).statusCode(400)
                .body("errors.field", contains("minReplayCount"));
    }
}
