package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.keys.SecurityKeys;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static io.streamq.monitor.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies and parameters the owner API refuses, named, before anything is proposed or changed: no confirm token is
 * issued and no audit entry (no mutation is attempted).
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class StrictRequestsTest {

    private final String owner = TestTokens.owner("strict-owner");

    private static long confirmTokens() {
        return TestRedis.command("KEYS", SecurityKeys.confirmToken("*")).lines().filter(k -> !k.isEmpty()).count();
    }

    private static long auditEntries() {
        return Long.parseLong(TestRedis.command("XLEN", SecurityKeys.auditStream()));
    }

    private static Response nothingProposed(Supplier<Response> request) {
        long tokens = confirmTokens();
        long audit = auditEntries();
        Response r = request.get();
        assertThat(confirmTokens()).as("confirm tokens after " + r.asString()).isEqualTo(tokens);
        assertThat(auditEntries()).as("audit entries").isEqualTo(audit);
        return r;
    }

    private static void namesField(Response r, String field) {
        assertProblem(r, 400);
        assertThat(r.jsonPath().getList("errors.field", String.class)).as(r.asString()).containsExactly(field);
    }

    @Test
    void aPurgeBodyIsReadStrictly() {
        namesField(nothingProposed(() -> Api.post(owner, "/owner/queues/purge", "{\"queue\":\"email\",\"all\":true}")),
                "all");
        namesField(nothingProposed(() -> Api.post(owner, "/owner/queues/purge", "null")), "body");
        namesField(nothingProposed(() -> Api.post(owner, "/owner/queues/purge", "{\"queue\":\"em\\ud800\"}")),
                "queue");
        assertProblem(nothingProposed(() -> Api.post(owner, "/owner/queues/purge",
                "{\"queue\":\"email\"} {\"queue\":\"ai\"}")), 400);
        assertProblem(nothingProposed(() -> Api.post(owner, "/owner/queues/purge",
                "{\"queue\":\"ai\",\"queue\":\"email\"}")), 400);
        byte[] body = "{\"queue\":\"email\"}".getBytes(StandardCharsets.UTF_8);
        assertProblem(nothingProposed(() -> given().auth().oauth2(owner).body(body).post("/owner/queues/purge")), 415);
        assertProblem(nothingProposed(() -> given().auth().oauth2(owner).contentType("application/json; charset=utf-16")
                .body(body).post("/owner/queues/purge")), 415);
    }

    @Test
    void bulkIdsMustBeStrings() {
        namesField(nothingProposed(() -> Api.post(owner, "/owner/queues/email/jobs/bulk-retry", "{\"ids\":[42]}")),
                "ids[0]");
        namesField(nothingProposed(() -> Api.post(owner, "/owner/queues/email/jobs/bulk-remove",
                "{\"ids\":[\"email-1\",true]}")), "ids[1]");
    }

    @Test
    void treeBodiesRefuseNullDuplicatesAndSurrogates() {
        String byFilter = "/owner/queues/email/jobs/by-filter/retry";
        namesField(nothingProposed(() -> Api.post(owner, byFilter, "null")), "body");
        String surrogate = "{\"state\":\"failed\",\"search\":\"a\\udc00\"}";
        namesField(nothingProposed(() -> Api.post(owner, byFilter, surrogate)), "search");
        assertProblem(nothingProposed(() -> Api.post(owner, byFilter,
                "{\"state\":\"failed\",\"state\":\"completed\"}")), 400);
        namesField(nothingProposed(() -> Api.put(owner, "/owner/queues/email/limits", "null")), "body");
        assertProblem(nothingProposed(() -> Api.put(owner, "/owner/queues/email/limits",
                "{\"maxActive\":5,\"maxActive\":null}")), 400);
    }

    @Test
    void numericQueryParametersThatAreNotNumbersAreNamed() {
        for (List<String> c : List.of(List.of("/owner/queues/email/jobs", "page", "abc"),
                List.of("/owner/queues/email/jobs", "pageSize", "99999999999"),
                List.of("/owner/audit", "limit", "ten"),
                List.of("/owner/queues/alerts", "limit", "1e2"),
                List.of("/owner/queues/email/throughput", "minutes", "-"),
                List.of("/owner/queues/email/processing-times", "limit", "2147483648"),
                List.of("/owner/queues/email/failure-reasons", "limit", "x"))) {
            Response r = given().auth().oauth2(owner).queryParam(c.get(1), c.get(2)).get(c.get(0));
            namesField(r, c.get(1));
        }
    }
}
