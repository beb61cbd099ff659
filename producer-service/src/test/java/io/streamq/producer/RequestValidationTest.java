package io.streamq.producer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.streamq.producer.Api.assertNamesField;
import static io.streamq.producer.Api.assertProblem;
import static io.streamq.producer.Api.sampleJob;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests the API refuses: each answered with a problem, and none leaving anything in Redis. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RequestValidationTest {

    private final String token = TestTokens.producerOf(Api.newTenant());
    private long dbBefore;

    @BeforeEach
    void rememberRedis() {
        dbBefore = TestRedis.dbSize();
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(TestRedis.dbSize()).as("keys in Redis").isEqualTo(dbBefore);
    }

    @Test
    void unknownTypeNamesName() {
        ObjectNode job = sampleJob().put("name", "ai.generate-poem");
        Response r = Api.post(token, job.toString());
        assertNamesField(r, "name");
        assertThat(r.jsonPath().getString("type")).isEqualTo("urn:problem-type:streamq:validation-error");
    }

    @Test
    void nonTextNameIsUnknown() {
        assertNamesField(Api.post(token, sampleJob().put("name", 42).toString()), "name");
    }

    @Test
    void missingNameAndPayloadAreBothNamed() {
        Response r = Api.post(token, "{}");
        assertNamesField(r, "name");
        // Without a type the payload cannot be judged, so only the name is reported.
        assertThat(r.jsonPath().getList("errors.field")).containsExactly("name");
        Response noPayload = Api.post(token, "{\"name\":\"ai.generate-text\"}");
        assertNamesField(noPayload, "payload");
    }

    @Test
    void payloadMustBeAnObject() {
        assertNamesField(Api.post(token, sampleJob().put("payload", "text").toString()), "payload");
    }

    @Test
    void unknownTopLevelFieldIsRejected() {
        Response r = Api.post(token, sampleJob().put("tenant", "someone-else").toString());
        assertNamesField(r, "tenant");
        assertThat(r.jsonPath().getString("errors.find { it.field == 'tenant' }.message"))
                .isEqualTo("is not a known field");
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        ObjectNode job = sampleJob().put("idempotencyKey", "has space").put("delayMs", -1).put("extra", true);
        ((ObjectNode) job.get("payload")).put("maxTokens", 0);
        Response r = Api.post(token, job.toString());
        assertProblem(r, 400);
        assertThat(r.jsonPath().getList("errors.field", String.class))
                .containsExactlyInAnyOrder("extra", "payload.maxTokens", "idempotencyKey", "delayMs");
    }

    @Test
    void idempotencyKeyBounds() {
        assertNamesField(Api.post(token, sampleJob().put("idempotencyKey", "").toString()), "idempotencyKey");
        assertNamesField(Api.post(token, sampleJob().put("idempotencyKey", "k".repeat(201)).toString()),
                "idempotencyKey");
        assertNamesField(Api.post(token, sampleJob().put("idempotencyKey", "a/b").toString()), "idempotencyKey");
        assertNamesField(Api.post(token, sampleJob().put("idempotencyKey", 7).toString()), "idempotencyKey");
    }

    @Test
    void priorityBounds() {
        assertNamesField(Api.post(token, sampleJob().put("priority", 0).toString()), "priority");
        assertNamesField(Api.post(token, sampleJob().put("priority", 11).toString()), "priority");
        assertNamesField(Api.post(token, sampleJob().put("priority", 2.5).toString()), "priority");
        assertNamesField(Api.post(token, sampleJob().put("priority", "1").toString()), "priority");
        Response bulk = Api.postBulk(token, "{\"jobs\":[" + sampleJob().put("priority", 12) + "]}");
        assertNamesField(bulk, "jobs[0].priority");
    }

    @Test
    void idempotencyWindowAndDebounceBounds() {
        ObjectNode keyed = sampleJob().put("idempotencyKey", "k-1");
        assertNamesField(Api.post(token, keyed.deepCopy().put("idempotencyWindowMs", 999).toString()),
                "idempotencyWindowMs");
        assertNamesField(Api.post(token, keyed.deepCopy().put("idempotencyWindowMs", 604_800_001L).toString()),
                "idempotencyWindowMs");
        assertNamesField(Api.post(token, keyed.deepCopy().put("debounce", "yes").toString()), "debounce");
        assertNamesField(Api.post(token, sampleJob().put("debounce", true).toString()), "debounce");
        assertNamesField(Api.post(token, sampleJob().put("idempotencyWindowMs", 5000).toString()),
                "idempotencyWindowMs");
    }

    @Test
    void delayBounds() {
        assertNamesField(Api.post(token, sampleJob().put("delayMs", -1).toString()), "delayMs");
        assertNamesField(Api.post(token, sampleJob().put("delayMs", 2_592_000_001L).toString()), "delayMs");
        assertNamesField(Api.post(token, sampleJob().put("delayMs", 1.5).toString()), "delayMs");
        assertNamesField(Api.post(token, sampleJob().put("delayMs", "10").toString()), "delayMs");
        assertNamesField(Api.post(token, sampleJob().put("delayMs", new java.math.BigInteger("99999999999999999999"))
                .toString()), "delayMs");
    }

    @Test
    void malformedJsonIsA400WithItsLocation() {
        Response r = Api.post(token, "{\"name\": \"ai.generate-text\",\n \"payload\": {");
        assertProblem(r, 400);
        assertThat(r.jsonPath().getString("type")).isEqualTo("urn:problem-type:streamq:malformed-body");
        assertThat(r.jsonPath().getString("detail")).contains("line 2");
    }

    @Test
    void duplicateKeysAndTrailingGarbageAreMalformed() {
        assertProblem(Api.post(token, "{\"name\":\"a\",\"name\":\"b\"}"), 400);
        assertProblem(Api.post(token, sampleJob() + " {}"), 400);
    }

    @Test
    void emptyAndNonObjectBodies() {
        assertProblem(Api.post(token, ""), 400);
        assertProblem(Api.post(token, "[]"), 400);
        assertProblem(Api.post(token, "null"), 400);
    }

    @Test
    void wrongMediaTypeIs415() {
        Response r = given().auth().oauth2(token).contentType("text/plain").body(sampleJob().toString())
                .post("/v1/jobs");
        assertProblem(r, 415);
    }

    @Test
    void wrongMethodIs405() {
        assertProblem(given().auth().oauth2(token).delete("/v1/jobs"), 405);
    }

    @Test
    void unknownRoutesAre404() {
        assertProblem(given().auth().oauth2(token).get("/v1/nothing-here"), 404);
        assertProblem(given().get("/nothing-here"), 404);
    }

    @Test
    void unknownJobIs404() {
        assertProblem(Api.get(token, "/v1/jobs/ai-999999999"), 404);
        assertProblem(Api.get(token, "/v1/jobs/not-an-id"), 404);
    }
}
