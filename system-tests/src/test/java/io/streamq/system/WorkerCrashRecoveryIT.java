package io.streamq.system;

import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.ServiceApp;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker killed with SIGKILL while its queue is saturated: the surviving worker, busy with a long backlog, still
 * takes the dead one's jobs over within a visibility timeout or two instead of after the backlog.
 */
class WorkerCrashRecoveryIT {

    private static final Duration VISIBILITY = Duration.ofSeconds(2);
    private static final int JOBS = 60;

    @Test
    void aKilledWorkersJobsAreRecoveredWhileTheQueueIsSaturated() throws Exception {
        try (HookPeer peer = new HookPeer(2_500);
             Platform platform = new Platform("crash-recovery", Map.of(
                     "STREAMQ_WORKER_QUEUES", "plugins",
                     "STREAMQ_QUEUE_PLUGINS_CONCURRENCY", "4",
                     "STREAMQ_QUEUE_PLUGINS_VISIBILITY_TIMEOUT", VISIBILITY.toString()))) {
            ServiceApp doomed = platform.startWorker("worker-doomed");
            List<String> ids = platform.enqueueHooks(JOBS, peer.url());
            await().atMost(Duration.ofSeconds(30)).until(() -> running(platform, ids, doomed).size() == 4);
            platform.startWorker("worker-survivor");
            await().atMost(Duration.ofSeconds(30)).until(() -> peer.deliveryCount() >= 8);

            List<String> orphaned = running(platform, ids, doomed);
            long killedAt = platform.redisTimeMs();
            doomed.kill();

            // The survivor's four slots stay busy with the backlog (60 jobs of 2.5 s) for about half a minute.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> orphaned.stream().allMatch(id -> platform.job(id).get("attempts").asInt() == 2));
            for (String id : orphaned) {
                long restartedAt = Instant.parse(platform.job(id).get("startedAt").asText()).toEpochMilli();
                assertThat(restartedAt - killedAt).as("%s taken over after the kill (ms)", id)
                        .isLessThanOrEqualTo(VISIBILITY.multipliedBy(2).toMillis() + 1_000);
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ids.stream().allMatch(id -> "completed".equals(platform.job(id).get("state").asText())));
            assertThat(ids).allSatisfy(id -> assertThat(platform.job(id).get("attempts").asInt())
                    .isEqualTo(orphaned.contains(id) ? 2 : 1));
            platform.invariants().assertHolds(QueueName.PLUGINS);
        }
    }

    /** Those of {@code ids} running on {@code worker} (its consumer name carries its pid). */
    private static List<String> running(Platform platform, List<String> ids, ServiceApp worker) {
        QueueKeys keys = QueueKeys.of(QueueName.PLUGINS);
        String marker = "-" + worker.pid() + "-";
        return ids.stream().filter(id -> {
            String[] lease = platform.redis().command("HMGET", keys.job(id), "state", "worker").split("\n", -1);
            return "active".equals(lease[0]) && lease.length > 1 && lease[1].contains(marker);
        }).toList();
    }
}
