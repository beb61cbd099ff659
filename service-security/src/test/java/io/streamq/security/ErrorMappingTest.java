package io.streamq.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** One problem+json shape for every kind of error. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ErrorMappingTest {

    private static final String PROBLEM = "application/problem+json";

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL url;

    @Test
    void validationErrorsNameEachField() {
        given().contentType("application/json")
                .body("{\"customer\":\"\",\"items\":[{\"name\":\"a\",\"count\":1},{\"name\":\"\",\"count\":0}]}")
                .queryParam("limit", 11)
                .post("/test/validate").then()
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:problem-type:streamq:validation-error"))
                .body("errors.field", hasItem("customer"))
                .body("errors.field", hasItem("items[1].name"))
                .body("errors.field", hasItem("items[1].count"))
                .body("errors.field", hasItem("limit"));
    }

    @Test
    void jacksonMappingErrorsNameTheField() {
        given().contentType("application/json").body("{\"customer\":\"c\",\"items\":[{\"name\":\"a\",\"count\":\"many\"}]}")
                .post("/test/validate").then()
                .statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("items[0].count"))
                .body("errors[0].message", equalTo("must be a number"));
    }

    @Test
    void malformedJsonIsAMalformedBody() {
        given().contentType("application/json").body("{\"customer\":")
                .post("/test/validate").then()
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:problem-type:streamq:malformed-body"));
    }

    @Test
    void readWithAnHttp2UpgradeOfferIsServed() throws Exception {
        // The JDK client offers "Upgrade: h2c" on plain HTTP; the body-limit handler must leave such reads alone.
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "test/read"))
                        .header("Authorization", "Bearer " + TestTokens.owner("h2c-reader")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void redisPoolOverloadIsA503WithRetryAfter() {
        given().get("/test/overloaded").then()
                .statusCode(503).contentType(PROBLEM)
                .header("Retry-After", "1")
                .body("detail", containsString("overloaded"))
                .body(not(containsString("max wait queue")));
    }

    @Test
    void unknownRouteIs404() {
        given().get("/no/such/route").then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
    }

    @Test
    void wrongMethodIs405() {
        given().put("/test/read").then().statusCode(405).contentType(PROBLEM).body("status", equalTo(405));
    }

    @Test
    void oversizedBodyIs413() {
        given().contentType("application/json").body("{\"customer\":\"" + "x".repeat(4096) + "\"}")
                .post("/test/validate").then().statusCode(413).contentType(PROBLEM).body("status", equalTo(413));
    }

    @Test
    void overLongUriIs414Problem() {
        // Over quarkus.http.limits.max-initial-line-length (4096 by default), which Vert.x alone would answer with an
        // empty 414.
        String longQuery = "q=" + "x".repeat(5000);
        given().get("/test/read?" + longQuery).then()
                .statusCode(414).contentType(PROBLEM)
                .header("X-Request-Id", notNullValue())
                .body("status", equalTo(414))
                .body("requestId", notNullValue())
                .body(not(containsString("xxxxxxxx")));
    }

    @Test
    void uriJustUnderTheLimitIsServed() {
        // "GET " + URI + " HTTP/1.1" of exactly 4096 characters.
        String path = "/no/such/route?q=";
        String uri = path + "x".repeat(4096 - "GET ".length() - " HTTP/1.1".length() - path.length());
        given().get(uri).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void unexpectedErrorIs500WithRequestIdAndNoInternals() {
        String id = given().get("/test/boom").then()
                .statusCode(500).contentType(PROBLEM)
                .header("X-Request-Id", notNullValue())
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")))
                .extract().header("X-Request-Id");
        given().get("/test/boom").then().body("detail", not(containsString(id)));
        given().header("X-Request-Id", "abc-123").get("/test/boom").then()
                .header("X-Request-Id", "abc-123")
                .body("requestId", equalTo("abc-123"))
                .body("detail", containsString("abc-123"));
    }

    @Test
    void insaneIncomingRequestIdIsReplaced() {
        given().header("X-Request-Id", "bad id with spaces").get("/test/boom").then()
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }
}
