package io.streamq.producer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static io.streamq.producer.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Request ids, unexpected errors, and the API description. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ProblemDetailsTest {

    @Test
    void unexpectedErrorIs500WithRequestIdAndNothingElse() {
        Response r = given().get("/test-only/fail");
        assertProblem(r, 500);
        assertThat(r.asString()).doesNotContain("secret").doesNotContain("IllegalState").doesNotContain("redis");
        assertThat(r.jsonPath().getString("detail")).contains(r.header("X-Request-Id"));
    }

    @Test
    void everyAnswerCarriesARequestId() {
        Response ok = Api.post(TestTokens.producerOf(Api.newTenant()), Api.sampleJob().toString());
        assertThat(ok.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(given().get("/q/health").header("X-Request-Id")).isNotBlank();
    }

    @Test
    void saneIncomingRequestIdIsKept() {
        Response r = given().header("X-Request-Id", "gw-42:abc.DEF_1").get("/v1/jobs/ai-1");
        assertThat(r.header("X-Request-Id")).isEqualTo("gw-42:abc.DEF_1");
        assertThat(r.jsonPath().getString("requestId")).isEqualTo("gw-42:abc.DEF_1");
    }

    @Test
    void insaneIncomingRequestIdIsReplaced() {
        for (String bad : new String[]{"has space", "x".repeat(129), "quote\"s", ""}) {
            Response r = given().header("X-Request-Id", bad).get("/v1/jobs/ai-1");
            assertThat(r.header("X-Request-Id")).isNotEqualTo(bad).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void openApiDeclaresBearerAuth() {
        Response r = given().queryParam("format", "json").get("/q/openapi");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.jsonPath().getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(r.jsonPath().getString("components.securitySchemes.bearer.bearerFormat")).isEqualTo("JWT");
        assertThat(r.jsonPath().getMap("paths")).containsKeys("/v1/jobs", "/v1/jobs/bulk", "/v1/jobs/{id}");
        assertThat(r.jsonPath().getList("paths.'/v1/jobs'.post.security")).isNotEmpty();
        assertThat(given().get("/q/swagger-ui/").statusCode()).isEqualTo(200);
    }
}
