package io.streamq.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.streamq.testing.RedisTestResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * The one strict reader of request bodies (StrictJson) and the checks around it, through the REST layer as every
 * service uses them: each refusal is a 400 or 415 problem, and the refused request never reaches its method.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class StrictBodiesTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String JSON = "application/json";
    private static final String VALIDATION = "urn:problem-type:streamq:validation-error";
    private static final String MALFORMED = "urn:problem-type:streamq:malformed-body";

    /** Posts {@code body} and checks the request did not reach the method. */
    private static ValidatableResponse refused(String path, String contentType, String body) {
        int before = TestBodiesResource.ACCEPTED.get();
        ValidatableResponse answer = given().contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8)).post(path).then().contentType(PROBLEM);
        assertThat(TestBodiesResource.ACCEPTED.get()).as("requests that reached the method").isEqualTo(before);
        return answer;
    }

    @Test
    void anUnknownFieldIsNamedNotIgnored() {
        // A typo must not widen a filter to "everything".
        refused("/test/bodies/filter", JSON, "{\"originalQueu\":\"ai\"}")
                .statusCode(400).body("type", equalTo(VALIDATION))
                .body("errors.field", contains("originalQueu"))
                .body("errors[0].message", equalTo("is not a known field"));
    }

    @Test
    void trailingContentAndDuplicateKeysAreMalformed() {
        refused("/test/bodies/filter", JSON, "{\"originalQueue\":\"ai\"} {\"minReplayCount\":2}")
                .statusCode(400).body("type", equalTo(MALFORMED));
        refused("/test/bodies/filter", JSON, "{\"originalQueue\":\"ai\",\"originalQueue\":\"email\"}")
                .statusCode(400).body("type", equalTo(MALFORMED));
        refused("/test/bodies/tree", JSON, "{\"a\":1} x").statusCode(400).body("type", equalTo(MALFORMED));
        refused("/test/bodies/tree", JSON, "{\"a\":1,\"a\":2}").statusCode(400).body("type", equalTo(MALFORMED));
    }

    @Test
    void aNullBodyIsNotAnAbsentOne() {
        refused("/test/bodies/filter", JSON, "null").statusCode(400).body("errors.field", contains("body"));
        refused("/test/bodies/tree", JSON, "null").statusCode(400).body("errors.field", contains("body"));
        refused("/test/bodies/filter", JSON, "  ").statusCode(400).body("errors.field", contains("body"));
        // No body at all is the optional body left out.
        given().contentType(JSON).post("/test/bodies/filter").then()
                .statusCode(200).body("everything", equalTo(true));
    }

    @Test
    void scalarsAreNotCoerced() {
        refused("/test/bodies/ids", JSON, "{\"ids\":[\"a-1\",2]}")
                .statusCode(400).body("errors.field", contains("ids[1]"))
                .body("errors[0].message", equalTo("must be a string"));
        refused("/test/bodies/filter", JSON, "{\"minReplayCount\":\"2\"}")
                .statusCode(400).body("errors.field", contains("minReplayCount"));
    }

    @Test
    void anUnpairedSurrogateIsNamedWhereverItIs() {
        refused("/test/bodies/filter", JSON, "{\"originalQueue\":\"ai\\ud800\"}")
                .statusCode(400).body("type", equalTo(VALIDATION)).body("errors.field", contains("originalQueue"));
        refused("/test/bodies/tree", JSON, "{\"a\":{\"b\":[\"ok\",\"\\udc00x\"]}}")
                .statusCode(400).body("errors.field", contains("a.b[1]"));
        refused("/test/bodies/ids", JSON, "{\"ids\":[\"\\ud83d\"]}")
                .statusCode(400).body("errors.field", contains("ids[0]"));
        // A whole pair is a character like any other.
        given().contentType(JSON).body("{\"originalQueue\":\"\\ud83d\\ude00\"}").post("/test/bodies/filter")
                .then().statusCode(200).body("queue", equalTo("\uD83D\uDE00"));
    }

    @Test
    void aBodyMustDeclareJsonInUtf8() {
        int before = TestBodiesResource.ACCEPTED.get();
        given().body("{\"originalQueue\":\"ai\"}".getBytes(StandardCharsets.UTF_8)).post("/test/bodies/filter")
                .then().statusCode(415).contentType(PROBLEM).body("status", equalTo(415));
        refused("/test/bodies/filter", "application/json; charset=utf-16", "{\"originalQueue\":\"ai\"}")
                .statusCode(415);
        refused("/test/bodies/filter", "application/json; charset=iso-8859-1", "{}").statusCode(415);
        refused("/test/bodies/tree", "text/plain", "{}").statusCode(415);
        assertThat(TestBodiesResource.ACCEPTED.get()).isEqualTo(before);
        given().contentType("application/json; charset=UTF-8").body("{\"originalQueue\":\"ai\"}")
                .post("/test/bodies/filter").then().statusCode(200).body("queue", equalTo("ai"));
    }

    @Test
    void aQueryNumberThatIsNotOneNamesItsParameter() {
        given().queryParam("page", "abc").get("/test/bodies/page").then()
                .statusCode(400).contentType(PROBLEM).body("type", equalTo(VALIDATION))
                .body("errors.field", contains("page"));
        given().queryParam("page", "99999999999").get("/test/bodies/page").then()
                .statusCode(400).body("errors.field", contains("page"));
        given().queryParam("limit", "1e3").get("/test/bodies/page").then()
                .statusCode(400).body("errors.field", contains("limit"));
        given().queryParam("after", "99999999999999999999").get("/test/bodies/page").then()
                .statusCode(400).body("errors.field", contains("after"));
        given().queryParam("page", "1001").get("/test/bodies/page").then()
                .statusCode(400).body("errors.field", contains("page"));
        given().queryParam("page", "3").queryParam("limit", "7").get("/test/bodies/page").then()
                .statusCode(200).body("page", equalTo(3)).body("limit", equalTo(7));
    }
}
