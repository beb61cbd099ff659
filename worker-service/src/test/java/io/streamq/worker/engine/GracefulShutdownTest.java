package io.streamq.worker.engine;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobView;
import io.streamq.core.store.WorkQueue;
import io.streamq.testing.RedisTestResource;
import io.streamq.worker.TestWebhookServer;
import io.streamq.worker.WorkerTestSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A second worker instance in this JVM shuts down gracefully while it runs two jobs: the one that finishes
 * within the grace period is recorded by it, the one that does not is left pending and the running worker
 * recovers it. Nothing is lost.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class GracefulShutdownTest {

    @Inject
    WorkerTestSupport support;

    @Inject
    WorkQueue work;

    @Inject
    JobRunner runner;

    @Inject
    WorkerConfig config;

    @Test
    void shutdownFinishesWhatItCanAndLeavesTheRestForRecovery() {
        try (TestWebhookServer receiver = new TestWebhookServer()) {
            // Keep the service's own worker busy so the second instance below claims the two jobs.
            receiver.respond("/block", n -> 0);
            List<String> blockers = List.of(
                    support.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook(receiver, "/block")),
                    support.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook(receiver, "/block")));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls("/block") == 2);

            receiver.respond("/quick", n -> -100);
            // Slower than the grace period below, faster than the 2 s handler timeout of the test profile.
            receiver.respond("/too-slow", n -> n == 1 ? -1800 : 200);
            String quick = support.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook(receiver, "/quick"));
            String slow = support.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook(receiver, "/too-slow"));
            QueueConsumer stopping = new QueueConsumer(QueueName.PLUGINS, work, runner, new WorkerStats(), config,
                    "instance-shutting-down");
            stopping.start();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.calls("/quick") == 1 && receiver.calls("/too-slow") == 1);

            stopping.stop(Duration.ofMillis(500));

            JobView finished = support.job(quick);
            assertThat(finished.state()).isEqualTo("completed");
            assertThat(finished.attempts()).isEqualTo(1);
            assertThat(support.job(slow).state()).isEqualTo("active");

            receiver.releaseBlocked();
            JobView recovered = support.awaitState(slow, "completed", Duration.ofSeconds(15));
            assertThat(recovered.attempts()).isEqualTo(2);
            blockers.forEach(id -> support.awaitState(id, "completed", Duration.ofSeconds(10)));
        }
    }

    private static String hook(TestWebhookServer receiver, String path) {
        return """
                {"pluginId":"crm","hook":"contact.created","url":"%s","body":{}}""".formatted(receiver.url(path));
    }
}
