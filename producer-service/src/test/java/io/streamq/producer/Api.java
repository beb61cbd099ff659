package io.streamq.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Short hands for calling the API as a given caller, and for checking problem answers. */
final class Api {

    static final String PROBLEM_JSON = "application/problem+json";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SAMPLE_TYPE = "ai.generate-text";

    private Api() {
    }

    static String newTenant() {
        return "tenant-" + UUID.randomUUID();
    }

    static ObjectNode job(String name, JsonNode payload) {
        ObjectNode job = JSON.createObjectNode();
        job.put("name", name);
        job.set("payload", payload);
        return job;
    }

    /** A valid request of the sample type. */
    static ObjectNode sampleJob() {
        return job(SAMPLE_TYPE, PayloadExamples.valid(SAMPLE_TYPE));
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static Response post(String token, String body) {
        return as(token).body(body).post("/v1/jobs");
    }

    static Response postBulk(String token, String body) {
        return as(token).body(body).post("/v1/jobs/bulk");
    }

    static Response get(String token, String path) {
        return given().auth().oauth2(token).get(path);
    }

    /** Every error answer is an RFC 9457 document carrying the request id of its X-Request-Id header. */
    static Response assertProblem(Response r, int status) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith(PROBLEM_JSON);
        assertThat(r.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(r.jsonPath().getString("type")).isNotBlank();
        assertThat(r.jsonPath().getString("title")).isNotBlank();
        assertThat(r.jsonPath().getString("instance")).startsWith("/");
        assertThat(r.header("X-Request-Id")).isNotBlank();
        assertThat(r.jsonPath().getString("requestId")).isEqualTo(r.header("X-Request-Id"));
        assertThat(r.asString()).doesNotContain("Exception").doesNotContain("\tat ");
        return r;
    }

    static void assertNamesField(Response r, String field) {
        assertProblem(r, 400);
        assertThat(r.jsonPath().getList("errors.field", String.class)).as(r.asString()).contains(field);
    }
}
