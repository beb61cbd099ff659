package io.streamq.worker;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobLogLine;
import io.streamq.core.job.JobView;
import io.streamq.core.store.JobReports;
import io.streamq.testing.RedisTestResource;
import io.streamq.worker.webhook.WebhookSigner;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class WebhookJobsTest {

    static TestWebhookServer receiver;

    @Inject
    WorkerTestSupport support;

    @Inject
    JobReports reports;

    @BeforeAll
    static void startReceiver() {
        receiver = new TestWebhookServer();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private String hook(String path) {
        return """
                {"pluginId":"crm","hook":"contact.created","url":"%s","body":{"contact":42}}"""
                .formatted(receiver.url(path));
    }

    @Test
    void deliversSignedWebhookAndCompletes() {
        receiver.respond("/ok", n -> 200);
        String id = support.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook("/ok"));

        JobView job = support.awaitState(id, "completed", Duration.ofSeconds(10));

        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.result()).contains("\"status\":200");
        TestWebhookServer.Delivery delivery = receiver.deliveries("/ok").getFirst();
        assertThat(delivery.body()).isEqualTo("{\"contact\":42}");
        long ts = Long.parseLong(delivery.headers().get("x-streamq-timestamp"));
        String expected = new WebhookSigner("test-only-webhook-secret").sign(ts, id, delivery.body());
        assertThat(delivery.headers().get("x-streamq-signature")).isEqualTo(expected);
        assertThat(delivery.headers().get("x-streamq-job-id")).isEqualTo(id);
        // The delivery is the job's log line; the secret and the signature are not.
        List<String> lines = reports.logs(id).await().atMost(Duration.ofSeconds(5)).stream().map(JobLogLine::line)
                .toList();
        assertThat(lines).singleElement().asString()
                .matches("Webhook POST 127\\.0\\.0\\.1:\\d+/ok answered 200 in \\d+ ms");
        assertThat(String.join("\n", lines)).doesNotContain("test-only-webhook-secret", expected, "contact");
    }

    @Test
    void serverErrorIsRetriedThenSucceeds() {
        receiver.respond("/flaky", n -> n == 1 ? 500 : 200);
        String id = support.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook("/flaky"));

        JobView job = support.awaitState(id, "completed", Duration.ofSeconds(10));

        assertThat(job.attempts()).isEqualTo(2);
        assertThat(receiver.calls("/flaky")).isEqualTo(2);
        assertThat(job.lastError().code()).isEqualTo("http-server-error");
        assertThat(job.firstFailedAt()).isNotNull();
    }

    @Test
    void exhaustedJobLandsInDeadStreamWithFullRecord() {
        receiver.respond("/down", n -> 503);
        String id = support.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook("/down"));

        JobView job = support.awaitState(id, "failed", Duration.ofSeconds(10));

        assertThat(job.attempts()).isEqualTo(3);
        assertThat(receiver.calls("/down")).isEqualTo(3);
        Map<String, String> record = support.deadRecord(QueueName.PLUGINS, id).orElseThrow();
        assertThat(record).containsEntry("type", "dlq.record-failure")
                .containsEntry("originalQueue", "plugins")
                .containsEntry("originalJobId", id)
                .containsEntry("originalJobName", "plugin.execute-hook")
                .containsEntry("errorCode", "http-server-error")
                .containsEntry("errorName", "HttpStatusFailure")
                .containsEntry("errorMessage", "Webhook answered HTTP 503")
                .containsEntry("attemptsMade", "3")
                .containsEntry("tenantId", "test-tenant")
                .containsEntry("workspaceId", "test-workspace")
                .containsEntry("actorId", "test-actor")
                .containsEntry("replayCount", "0");
        assertThat(record.get("errorStack")).contains("HttpStatusFailure");
        assertThat(record.get("payload")).contains(receiver.url("/down"));
        assertThat(Long.parseLong(record.get("firstFailedAt"))).isLessThan(Long.parseLong(record.get("lastFailedAt")));
    }

    @Test
    void clientErrorGoesToDeadStreamAtOnce() {
        receiver.respond("/gone", n -> 410);
        String id = support.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook("/gone"));

        JobView job = support.awaitState(id, "failed", Duration.ofSeconds(10));

        assertThat(job.attempts()).isEqualTo(1);
        assertThat(receiver.calls("/gone")).isEqualTo(1);
        assertThat(support.deadRecord(QueueName.PLUGINS, id).orElseThrow())
                .containsEntry("errorCode", "http-client-error").containsEntry("attemptsMade", "1");
    }

    @Test
    void slowWebhookTimesOutAndIsRetried() {
        receiver.respond("/slow", n -> n == 1 ? -5000 : 200);
        String id = support.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook("/slow"));

        JobView job = support.awaitState(id, "completed", Duration.ofSeconds(15));

        assertThat(job.attempts()).isEqualTo(2);
        assertThat(job.lastError().code()).isEqualTo("timeout");
    }
}
