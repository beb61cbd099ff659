package io.streamq.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies over quarkus.http.limits.max-body-size (2M) answer 413 as a problem, whether the size is announced
 * (Content-Length) or only found while reading (chunked). java.net.http rather than rest-assured, to control both.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class BodyLimitTest {

    private static final int OVER_LIMIT = 2 * 1024 * 1024 + 64 * 1024;

    @TestHTTPResource("/v1/jobs")
    URI jobs;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String token = TestTokens.producerOf(Api.newTenant());

    @Test
    void announcedOversizeBodyIs413BeforeItIsSent() throws Exception {
        long dbBefore = TestRedis.dbSize();
        // Expect: 100-continue lets the server refuse before the client uploads the body.
        HttpRequest request = base().expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(oversizeJob())).build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertTooLarge(response);
        assertThat(TestRedis.dbSize()).isEqualTo(dbBefore);
    }

    @Test
    void chunkedOversizeBodyIs413() throws Exception {
        long dbBefore = TestRedis.dbSize();
        // An input-stream publisher has no known length, so the body goes chunked.
        HttpRequest request = base()
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversizeJob())))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertTooLarge(response);
        assertThat(TestRedis.dbSize()).isEqualTo(dbBefore);
    }

    @Test
    void chunkedBodyUnderTheLimitIsRead() throws Exception {
        // Large enough that the REST layer would otherwise switch to blocking reads (see application.properties).
        String job = Api.job(Api.SAMPLE_TYPE, PayloadExamples.valid(Api.SAMPLE_TYPE))
                .put("idempotencyKey", "k".repeat(150)).toString();
        String padded = job.substring(0, job.length() - 1) + " ".repeat(200_000) + "}";
        HttpRequest request = base()
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8))))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private HttpRequest.Builder base() {
        return HttpRequest.newBuilder(jobs).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    private static byte[] oversizeJob() {
        String prompt = "x".repeat(OVER_LIMIT);
        return ("{\"name\":\"ai.generate-text\",\"payload\":{\"prompt\":\"" + prompt
                + "\",\"model\":\"gpt-4o-mini\",\"maxTokens\":5}}").getBytes(StandardCharsets.UTF_8);
    }

    private static void assertTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(Api.PROBLEM_JSON));
        JsonNode problem = Api.tree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("requestId").asText())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }
}
