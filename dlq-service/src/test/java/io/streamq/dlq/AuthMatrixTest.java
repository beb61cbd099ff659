package io.streamq.dlq;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.streamq.core.contract.JobType;
import io.streamq.core.store.DlqEntry;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Every endpoint, in both path families, against no token, a producer, narrow policy tokens and an owner. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class AuthMatrixTest {

    enum Need { READ, MANAGE, DELETE }

    record Endpoint(String method, String path, String body, Need need, int ownerStatus) {
    }

    @Inject
    DlqTestSupport support;

    private String id;

    @BeforeEach
    void entry() {
        if (id == null) {
            DlqEntry e = support.deadJob(JobType.WORKFLOW_START_RUN, "{\"workflowId\":\"auth\"}",
                    DlqTestSupport.error("auth-matrix", "for the auth matrix"));
            id = e.id();
        }
    }

    private List<Endpoint> endpoints(String base) {
        String missing = "workflows-55555555";
        return List.of(
                new Endpoint("GET", base, null, Need.READ, 200),
                new Endpoint("GET", base + "/analytics", null, Need.READ, 200),
                new Endpoint("GET", base + "/trends?hours=6", null, Need.READ, 200),
                new Endpoint("GET", base + "/export?errorCode=auth-matrix", null, Need.READ, 200),
                new Endpoint("GET", base + "/" + id, null, Need.READ, 200),
                new Endpoint("POST", base + "/" + missing + "/replay", null, Need.MANAGE, 404),
                new Endpoint("POST", base + "/bulk-replay", "{\"ids\":[\"" + missing + "\"]}", Need.MANAGE, 200),
                new Endpoint("POST", base + "/" + missing + "/delete", null, Need.DELETE, 404),
                new Endpoint("POST", base + "/bulk-delete", "{\"ids\":[\"" + missing + "\"]}", Need.DELETE, 200),
                new Endpoint("POST", base + "/clear", "{\"originalQueue\":\"workflows\"}", Need.DELETE, 202),
                new Endpoint("GET", base + "/clear/" + java.util.UUID.randomUUID(), null, Need.READ, 404));
    }

    @Test
    void everyEndpointOfBothFamiliesEnforcesItsPolicy() {
        String readOnly = TestTokens.policies("dashboard", "READ");
        String manageOnly = TestTokens.policies("operator", "MANAGE");
        String deleteOnly = TestTokens.policies("janitor", "DELETE");
        String producer = TestTokens.producer("client-app");
        String owner = TestTokens.owner("owner");
        int checked = 0;
        for (String base : List.of("/owner/dlq", "/owner/queues/dlq")) {
            for (Endpoint e : endpoints(base)) {
                call(given(), e).then().statusCode(401).header("WWW-Authenticate", "Bearer")
                        .body("status", equalTo(401));
                call(given().auth().oauth2("not-a-jwt"), e).then().statusCode(401);
                call(given().auth().oauth2(producer), e).then().statusCode(403);
                call(given().auth().oauth2(readOnly), e).then().statusCode(e.need() == Need.READ ? e.ownerStatus() : 403);
                call(given().auth().oauth2(manageOnly), e).then()
                        .statusCode(e.need() == Need.MANAGE ? e.ownerStatus() : 403);
                call(given().auth().oauth2(deleteOnly), e).then()
                        .statusCode(e.need() == Need.DELETE ? e.ownerStatus() : 403);
                call(given().auth().oauth2(owner), e).then().statusCode(e.ownerStatus());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(22);
        // Nothing above destroyed the entry: the clear calls only asked for a confirmation.
        assertThat(support.find(id)).isPresent();
    }

    private static io.restassured.response.Response call(RequestSpecification spec, Endpoint e) {
        if (e.body() != null) {
            spec = spec.contentType("application/json").body(e.body());
        }
        return e.method().equals("GET") ? spec.get(e.path()) : spec.post(e.path());
    }
}
