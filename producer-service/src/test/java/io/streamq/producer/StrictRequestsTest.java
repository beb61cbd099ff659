package io.streamq.producer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamq.core.contract.QueueName;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.restassured.RestAssured.given;
import static io.streamq.producer.Api.assertNamesField;
import static io.streamq.producer.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies the strict reader refuses and webhooks the worker would refuse: each is answered 400 or 415 and nothing is
 * written (no job, no idempotency key, the queue's stream unchanged).
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class StrictRequestsTest {

    private static final String HOOK = "plugin.execute-hook";

    private static ObjectNode hook(String url) {
        ObjectNode job = Api.job(HOOK, PayloadExamples.valid(HOOK));
        ((ObjectNode) job.get("payload")).put("url", url);
        return job;
    }

    /** Runs {@code request} and checks it left Redis as it was. */
    private static Response nothingWritten(java.util.function.Supplier<Response> request) {
        long keys = TestRedis.dbSize();
        long plugins = TestRedis.streamLength(QueueName.PLUGINS);
        long ai = TestRedis.streamLength(QueueName.AI);
        Response r = request.get();
        assertThat(TestRedis.dbSize()).as("keys after " + r.asString()).isEqualTo(keys);
        assertThat(TestRedis.streamLength(QueueName.PLUGINS)).isEqualTo(plugins);
        assertThat(TestRedis.streamLength(QueueName.AI)).isEqualTo(ai);
        return r;
    }

    @Test
    void aWebhookOnANonPublicAddressIsRefusedAtEnqueue() {
        String token = TestTokens.producerOf(Api.newTenant());
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "https://10.1.2.3/hook",
                "http://[::1]:8080/x", "http://[fe80::1]/x", "http://2130706433/x", "http://[::ffff:192.168.0.1]/")) {
            Response r = nothingWritten(() -> Api.post(token, hook(url).toString()));
            assertNamesField(r, "payload.url");
        }
        // In a bulk, only that item is refused, named by its index.
        Response bulk = Api.postBulk(token, "{\"jobs\":[" + hook("https://hooks.example.com/a") + ","
                + hook("http://192.168.1.1/b") + "]}");
        assertThat(bulk.statusCode()).as(bulk.asString()).isEqualTo(202);
        assertThat(bulk.jsonPath().getInt("rejected")).isEqualTo(1);
        assertThat(bulk.jsonPath().getList("results[1].errors.field", String.class))
                .containsExactly("jobs[1].payload.url");
        // A public address, and a host name (judged by the worker when it resolves it), are taken.
        assertThat(Api.post(token, hook("http://93.184.216.34/hook").toString()).statusCode()).isEqualTo(202);
        assertThat(Api.post(token, hook("https://hooks.example.com/x").toString()).statusCode()).isEqualTo(202);
    }

    @Test
    void anUnpairedSurrogateIsRefusedNotStored() {
        String token = TestTokens.producerOf(Api.newTenant());
        String job = Api.sampleJob().toString().replace("Write a haiku", "Write a \\ud800 haiku");
        assertNamesField(nothingWritten(() -> Api.post(token, job)), "payload.prompt");
        assertNamesField(nothingWritten(() -> Api.postBulk(token, "{\"jobs\":[" + job + "]}")),
                "jobs[0].payload.prompt");
    }

    @Test
    void aBodyWithoutJsonContentTypeIsUnsupported() {
        String token = TestTokens.producerOf(Api.newTenant());
        byte[] job = Api.sampleJob().toString().getBytes(StandardCharsets.UTF_8);
        assertProblem(nothingWritten(() -> given().auth().oauth2(token).body(job).post("/v1/jobs")), 415);
        assertProblem(nothingWritten(() -> given().auth().oauth2(token)
                .contentType("application/json; charset=utf-16").body(job).post("/v1/jobs")), 415);
        assertProblem(nothingWritten(() -> given().auth().oauth2(token)
                .contentType("application/json; charset=utf-16").body(job).post("/v1/jobs/bulk")), 415);
        assertThat(given().auth().oauth2(token).contentType("application/json; charset=utf-8").body(job)
                .post("/v1/jobs").statusCode()).isEqualTo(202);
    }

    @Test
    void trailingContentAndDuplicateKeysAreRefused() {
        String token = TestTokens.producerOf(Api.newTenant());
        String job = Api.sampleJob().toString();
        assertProblem(nothingWritten(() -> Api.post(token, job + " {\"name\":\"x\"}")), 400);
        assertProblem(nothingWritten(() -> Api.post(token, job.replaceFirst("\\{", "{\"name\":\"x\","))), 400);
        assertProblem(nothingWritten(() -> Api.post(token, "null")), 400);
    }
}
