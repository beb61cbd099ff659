package io.streamq.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

/** Who gets through {@code @RequiresPolicy}, and that every refusal looks the same whatever check failed. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class AuthMatrixTest {

    private static final String UNAUTHORIZED = "A valid bearer token is required.";
    private static final String FORBIDDEN = "The token does not allow this request.";

    @Test
    void noTokenIs401() {
        unauthorized(given());
    }

    @Test
    void expiredTokenIs401() {
        unauthorized(bearer(TestTokens.expired("alice")));
    }

    @Test
    void wrongSignatureIs401() {
        unauthorized(bearer(TestTokens.wrongSignature("alice")));
    }

    @Test
    void wrongIssuerIs401() {
        unauthorized(bearer(TestTokens.wrongIssuer("alice")));
    }

    @Test
    void garbageTokenIs401() {
        unauthorized(bearer("not-a-jwt"));
    }

    @Test
    void producerRoleHoldsNoOwnerPolicy() {
        forbidden(bearer(TestTokens.producer("app-1")).get("/test/read").then());
    }

    @Test
    void ownerHoldsEveryPolicy() {
        bearer(TestTokens.owner("owner-1")).get("/test/read").then().statusCode(200);
        bearer(TestTokens.owner("owner-1")).post("/test/queues/auth-q/pause").then().statusCode(200);
    }

    @Test
    void readOnlyTokenReadsButCannotManage() {
        String token = TestTokens.policies("dashboard-1", "READ");
        bearer(token).get("/test/read").then().statusCode(200).body("ok", equalTo(true));
        forbidden(bearer(token).post("/test/queues/auth-q/pause").then());
    }

    @Test
    void manageTokenCannotDelete() {
        String token = TestTokens.policies("ops-1", "READ", "MANAGE");
        bearer(token).post("/test/queues/auth-q/pause").then().statusCode(200);
        forbidden(bearer(token).delete("/test/queues/auth-q/jobs").then());
    }

    @Test
    void unknownPolicyNamesGrantNothing() {
        forbidden(bearer(TestTokens.policies("typo-1", "read", "ALL")).get("/test/read").then());
    }

    static void unauthorized(RequestSpecification request) {
        request.get("/test/read").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("detail", equalTo(UNAUTHORIZED))
                .body("instance", equalTo("/test/read"))
                .body(not(containsString("expired")))
                .body(not(containsString("issuer")))
                .body(not(containsString("signature")));
    }

    private static void forbidden(io.restassured.response.ValidatableResponse response) {
        response.statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("detail", equalTo(FORBIDDEN));
    }

    static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }
}
