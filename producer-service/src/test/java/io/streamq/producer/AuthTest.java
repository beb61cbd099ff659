package io.streamq.producer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.streamq.producer.Api.assertProblem;
import static io.streamq.producer.Api.sampleJob;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(RedisTestResource.class)
class AuthTest {

    private final String tenant = Api.newTenant();

    @Test
    void noTokenIs401() {
        Response r = given().contentType("application/json").body(sampleJob().toString()).post("/v1/jobs");
        assertUnauthorized(r);
        assertUnauthorized(given().get("/v1/jobs/ai-1"));
        assertUnauthorized(given().contentType("application/json").body("{\"jobs\":[]}").post("/v1/jobs/bulk"));
    }

    @Test
    void badTokensAre401AndLookAlike() {
        Response foreign = Api.post(TestTokens.wrongSignature("user-producer"), sampleJob().toString());
        Response expired = Api.post(TestTokens.expired("user-producer"), sampleJob().toString());
        Response issuer = Api.post(TestTokens.wrongIssuer("user-producer"), sampleJob().toString());
        Response garbage = Api.post("not.a.jwt", sampleJob().toString());

        for (Response r : new Response[]{foreign, expired, issuer, garbage}) {
            assertUnauthorized(r);
            // Which check failed is not the client's business.
            assertThat(r.jsonPath().getString("detail")).isEqualTo(foreign.jsonPath().getString("detail"));
        }
    }

    @Test
    void producerAndOwnerMayEnqueue() {
        assertThat(Api.post(TestTokens.producerOf(tenant), sampleJob().toString()).statusCode()).isEqualTo(202);
        assertThat(Api.post(TestTokens.owner(), sampleJob().toString()).statusCode()).isEqualTo(202);
        assertThat(Api.post(TestTokens.withRole("OWNER", tenant), sampleJob().toString()).statusCode())
                .isEqualTo(202);
    }

    @Test
    void otherRolesAre403() {
        long dbBefore = TestRedis.dbSize();
        Response r = Api.post(TestTokens.withRole("viewer", tenant), sampleJob().toString());
        assertProblem(r, 403);
        assertProblem(Api.get(TestTokens.withRole("worker", tenant), "/v1/jobs/ai-1"), 403);
        assertThat(TestRedis.dbSize()).isEqualTo(dbBefore);
    }

    @Test
    void readPolicyTokenWithoutProducerRoleIs403Everywhere() {
        String location = Api.post(TestTokens.producerOf(tenant), sampleJob().toString()).header("Location");
        long dbBefore = TestRedis.dbSize();
        // An owner dashboard's narrow token: READ is an owner policy, not a licence to use the producer API.
        for (String narrow : new String[]{TestTokens.readPolicyOnly(tenant, "dashboard"),
                TestTokens.readPolicyOnly(tenant)}) {
            assertForbidden(Api.post(narrow, sampleJob().toString()));
            assertForbidden(Api.postBulk(narrow, "{\"jobs\":[" + sampleJob() + "]}"));
            assertForbidden(Api.get(narrow, location));
            assertForbidden(Api.get(narrow, "/v1/jobs/ai-999999999"));
        }
        assertThat(TestRedis.dbSize()).isEqualTo(dbBefore);
    }

    @Test
    void producerWithoutTenantIs403() {
        long dbBefore = TestRedis.dbSize();
        String noTenant = TestTokens.withRole("producer", null);
        Response r = Api.post(noTenant, sampleJob().toString());
        assertProblem(r, 403);
        assertThat(r.jsonPath().getString("detail")).doesNotContain("tenant");
        assertProblem(Api.get(noTenant, "/v1/jobs/ai-1"), 403);
        assertThat(TestRedis.dbSize()).isEqualTo(dbBefore);
    }

    @Test
    void aTenantOutsideTheTenantAlphabetIs403ForEveryRoleAndWritesNothing() {
        long dbBefore = TestRedis.dbSize();
        for (String bad : new String[]{"acme:corp", "acme corp", "acme/../x", "ténant", "a\u0000b",
                "t".repeat(65)}) {
            for (String token : new String[]{TestTokens.producerOf(bad), TestTokens.withRole("OWNER", bad)}) {
                Response r = Api.post(token, sampleJob().toString());
                assertForbidden(r);
                assertThat(r.jsonPath().getString("detail")).as(bad).doesNotContain("tenant");
                assertForbidden(Api.get(token, "/v1/jobs/ai-1"));
            }
        }
        assertThat(TestRedis.dbSize()).isEqualTo(dbBefore);
        // The longest and the most varied tenant ids of the alphabet are taken.
        assertThat(Api.post(TestTokens.producerOf("t".repeat(64)), sampleJob().toString()).statusCode())
                .isEqualTo(202);
        assertThat(Api.post(TestTokens.producerOf("Acme.Corp_2-eu"), sampleJob().toString()).statusCode())
                .isEqualTo(202);
    }

    @Test
    void tenantComesFromTheTokenOnly() {
        Response accepted = Api.post(TestTokens.producerOf(tenant), sampleJob().toString());
        String id = accepted.jsonPath().getString("id");
        assertThat(TestRedis.jobField(io.streamq.core.contract.QueueName.AI, id, "tenant")).isEqualTo(tenant);
        assertThat(TestRedis.jobField(io.streamq.core.contract.QueueName.AI, id, "actor")).isEqualTo("user-producer");
        assertThat(TestRedis.jobField(io.streamq.core.contract.QueueName.AI, id, "workspace")).isEqualTo("ws-1");
    }

    @Test
    void producerSeesOnlyItsTenantsJobs() {
        String other = Api.newTenant();
        Response accepted = Api.post(TestTokens.producerOf(other), sampleJob().toString());
        String location = accepted.header("Location");

        Response foreign = Api.get(TestTokens.producerOf(tenant), location);
        Response unknown = Api.get(TestTokens.producerOf(tenant), "/v1/jobs/ai-999999999");

        assertProblem(foreign, 404);
        // Same answer as for a job that does not exist, so ids cannot be probed.
        assertThat(foreign.jsonPath().getString("detail")).isEqualTo(unknown.jsonPath().getString("detail"));
        assertThat(foreign.jsonPath().getString("title")).isEqualTo(unknown.jsonPath().getString("title"));
        assertThat(Api.get(TestTokens.producerOf(other), location).statusCode()).isEqualTo(200);
        assertThat(Api.get(TestTokens.owner(), location).statusCode()).isEqualTo(200);
    }

    private static void assertForbidden(Response r) {
        assertProblem(r, 403);
        assertThat(r.jsonPath().getString("detail")).isEqualTo("The token does not allow this request.");
        assertThat(r.asString()).doesNotContain("payload");
    }

    private static void assertUnauthorized(Response r) {
        assertProblem(r, 401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }
}
