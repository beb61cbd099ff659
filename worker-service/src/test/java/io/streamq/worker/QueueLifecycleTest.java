package io.streamq.worker;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.JobView;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.WorkQueue;
import io.streamq.core.keys.WorkerKeys;
import io.streamq.worker.engine.WorkerIdentity;
import io.quarkus.redis.datasource.RedisDataSource;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class QueueLifecycleTest {

    private static final String CANARY = "{\"probe\":\"lifecycle\"}";

    @Inject
    WorkerTestSupport support;

    @Inject
    JobStore jobs;

    @Inject
    WorkQueue work;

    @Inject
    WorkerIdentity identity;

    @Inject
    RedisDataSource redis;

    @Test
    void healthCheckCanaryReportsItsQueueLatency() {
        String id = support.enqueue(JobType.SYSTEM_HEALTH_CHECK, CANARY);

        JobView job = support.awaitState(id, "completed", Duration.ofSeconds(10));

        assertThat(job.result()).contains("\"probe\":\"lifecycle\"")
                .contains("\"queueLatencyMs\":" + (job.startedAt() - job.createdAt()));
    }

    @Test
    void delayedJobRunsAfterItsDelayAndNotBefore() {
        String id = support.enqueue(JobType.SYSTEM_HEALTH_CHECK, CANARY, 1500);
        JobView scheduled = support.job(id);
        assertThat(scheduled.state()).isEqualTo("delayed");

        JobView done = support.awaitState(id, "completed", Duration.ofSeconds(10));

        // Both stamps come from the Redis clock, so this holds however late the test thread is.
        assertThat(done.startedAt()).isGreaterThanOrEqualTo(scheduled.dueAt());
        assertThat(scheduled.dueAt()).isEqualTo(scheduled.createdAt() + 1500);
    }

    @Test
    void pausedQueueHoldsItsJobsUntilResumed() {
        jobs.setPaused(QueueName.SYSTEM, true, "test").await().indefinitely();
        try {
            String id = support.enqueue(JobType.SYSTEM_HEALTH_CHECK, CANARY);
            // Give a running worker ample chances to (wrongly) claim it; several claim rounds pass meanwhile.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                    .until(() -> "waiting".equals(support.job(id).state()));

            jobs.setPaused(QueueName.SYSTEM, false, "test").await().indefinitely();
            assertThat(support.awaitState(id, "completed", Duration.ofSeconds(10)).attempts()).isEqualTo(1);
        } finally {
            jobs.setPaused(QueueName.SYSTEM, false, "test").await().indefinitely();
        }
    }

    @Test
    void removalPolicyKeepsOnlyTheLastCompletedJobs() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(support.enqueue(JobType.SYSTEM_HEALTH_CHECK, CANARY));
        }
        String last = ids.getLast();
        support.awaitState(last, "completed", Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().allMatch(id -> support.find(id)
                .map(j -> j.state().equals("completed")).orElse(true)));

        // keep-last is 5 in the test profile: the index and the job hashes stay bounded.
        assertThat(support.finishedCount(QueueName.SYSTEM)).isLessThanOrEqualTo(5);
        assertThat(ids.stream().filter(id -> support.find(id).isPresent()).count()).isLessThanOrEqualTo(5);
        assertThat(support.find(ids.getFirst())).isEmpty();
        assertThat(support.streamLength(QueueName.SYSTEM)).isZero();
    }

    @Test
    void jobOfAWorkerThatDiedIsRecoveredByAnother() {
        try (BlockedPluginSlots blocked = new BlockedPluginSlots()) {
            blocked.receiver.respond("/after-crash", n -> 200);
            String victim = support.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook(blocked.receiver, "/after-crash"));
            assertThat(claimAs("worker-that-dies").jobId()).isEqualTo(victim);
            // The dead worker never acknowledges; once the running worker has free slots it must take over.
            blocked.release();

            JobView recovered = support.awaitState(victim, "completed", Duration.ofSeconds(15));
            assertThat(recovered.attempts()).isEqualTo(2);
            assertThat(blocked.receiver.calls("/after-crash")).isEqualTo(1);
        }
    }

    @Test
    void jobAWorkerCannotRunGoesBackWithoutSpendingAnAttempt() {
        try (BlockedPluginSlots blocked = new BlockedPluginSlots()) {
            String id = support.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook(blocked.receiver, "/never-called"));
            ClaimedJob claimed = claimAs("older-worker-without-this-handler");

            assertThat(work.defer(claimed, "older-worker-without-this-handler", Duration.ofSeconds(30), "no-handler")
                    .await().indefinitely()).isTrue();

            JobView deferred = support.job(id);
            assertThat(deferred.state()).isEqualTo("delayed");
            assertThat(deferred.attempts()).isZero();
            assertThat(deferred.dueAt()).isGreaterThanOrEqualTo(deferred.createdAt() + 30_000);
            assertThat(blocked.receiver.calls("/never-called")).isZero();
        }
    }

    private ClaimedJob claimAs(String consumer) {
        ClaimResult claimed = work.claim(QueueName.PLUGINS, consumer, 1).await().indefinitely();
        assertThat(claimed).isInstanceOf(ClaimResult.Jobs.class);
        return ((ClaimResult.Jobs) claimed).jobs().getFirst();
    }

    /** Occupies both plugin slots of the running worker, so only the test can claim plugin jobs meanwhile. */
    private final class BlockedPluginSlots implements AutoCloseable {
        final TestWebhookServer receiver = new TestWebhookServer();
        private final List<String> blockers = new ArrayList<>();

        BlockedPluginSlots() {
            receiver.respond("/block", n -> 0);
            blockers.add(support.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook(receiver, "/block")));
            blockers.add(support.enqueue(JobType.PLUGIN_EXECUTE_HOOK, hook(receiver, "/block")));
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.calls("/block") == 2);
        }

        void release() {
            receiver.releaseBlocked();
        }

        @Override
        public void close() {
            release();
            blockers.forEach(id -> support.awaitState(id, "completed", Duration.ofSeconds(10)));
            receiver.close();
        }
    }

    @Test
    void workerPublishesAHeartbeatThatExpires() {
        String key = WorkerKeys.heartbeatPrefix() + identity.id();
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.value(String.class).get(key) != null);

        assertThat(redis.value(String.class).get(key))
                .contains("\"workerId\":\"" + identity.id() + "\"")
                .contains("\"queues\":[\"ai\",\"workflows\",\"analytics\",\"email\",\"plugins\",\"system\"]")
                // Each queue's own numbers, and the application's version.
                .contains("\"byQueue\":{\"ai\":{")
                .containsPattern("\"version\":\"[^\"]+\"");
        assertThat(redis.key().ttl(key)).isPositive();
        assertThat(redis.sortedSet(String.class).zscore(WorkerKeys.index(), identity.id())).isNotNull();
    }

    private static String hook(TestWebhookServer receiver, String path) {
        return """
                {"pluginId":"crm","hook":"contact.created","url":"%s","body":{}}""".formatted(receiver.url(path));
    }
}
