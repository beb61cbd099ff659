package io.streamq.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.testing.RedisTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Plain HTTP on the gateway: errors are the library's problem+json, health answers. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class HttpProblemsTest {

    @Test
    void anUnknownRouteIsAProblem() {
        given().get("/no/such/page").then()
                .statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(404));
    }

    @Test
    void healthIsUp() {
        TestRedis.awaitGatewaySubscribed();
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
