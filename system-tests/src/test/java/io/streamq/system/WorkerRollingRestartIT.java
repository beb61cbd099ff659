package io.streamq.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.QueueName;
import io.streamq.testing.ServiceApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling restart of the worker fleet under load, as a deployment does it: each worker in turn gets SIGTERM, a new
 * one starts, and the queue keeps flowing. No job may spend an attempt on it, and none may reach its peer twice.
 */
class WorkerRollingRestartIT {

    private static final int JOBS = 120;

    @Test
    void aRollingRestartUnderLoadSpendsNoAttemptAndSendsNothingTwice() throws Exception {
        try (HookPeer peer = new HookPeer(700);
             Platform platform = new Platform("rolling-restart", Map.of(
                     "STREAMQ_WORKER_QUEUES", "plugins",
                     "STREAMQ_QUEUE_PLUGINS_CONCURRENCY", "8",
                     "STREAMQ_QUEUE_PLUGINS_VISIBILITY_TIMEOUT", "PT3S",
                     "STREAMQ_WORKER_SHUTDOWN_GRACE", "PT15S"))) {
            ServiceApp a = platform.startWorker("worker-a");
            ServiceApp b = platform.startWorker("worker-b");
            List<String> ids = platform.enqueueHooks(JOBS, peer.url());

            // Each worker is replaced while both are busy: every restart meets running jobs and a claim loop at work.
            await().atMost(Duration.ofSeconds(30)).until(() -> peer.deliveryCount() >= 10);
            a.close();
            platform.startWorker("worker-a2");
            await().atMost(Duration.ofSeconds(60)).until(() -> peer.deliveryCount() >= 50);
            b.close();
            platform.startWorker("worker-b2");

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ids.stream().allMatch(id -> "completed".equals(platform.job(id).get("state").asText())));

            for (String id : ids) {
                JsonNode job = platform.job(id);
                assertThat(job.get("attempts").asInt()).as("attempts of %s", id).isEqualTo(1);
                assertThat(peer.deliveries().get(id)).as("deliveries of %s", id).containsExactly(1);
            }
            platform.invariants().assertHolds(QueueName.PLUGINS);
        }
    }
}
