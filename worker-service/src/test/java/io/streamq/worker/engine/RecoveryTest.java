package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.RedisTestServer;
import io.streamq.worker.TestWebhookServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Jobs a worker holds but will never finish are found and run again, and the consumers left behind are deleted. */
@QuarkusTest
class RecoveryTest {

    private static final Duration VISIBILITY = Duration.ofSeconds(1);

    @Inject
    Engines engines;

    /**
     * A worker dies holding two jobs while another keeps every slot of the queue busy with a backlog: the busy
     * worker still takes them over within a visibility timeout or two, long before the backlog is drained.
     */
    @Test
    void jobsOfADeadWorkerAreRecoveredWhileTheQueueIsSaturated() {
        try (TestWebhookServer peer = new TestWebhookServer();
             RedisTestServer redis = new RedisTestServer();
             TestEngine dying = engines.engine(redis, "dying-worker", EnumSet.of(QueueName.PLUGINS)).start();
             TestEngine busy = engines.engine(redis, "busy-worker", EnumSet.of(QueueName.PLUGINS))) {
            peer.respond("/victim-1", n -> n == 1 ? -3000 : 200);
            peer.respond("/victim-2", n -> n == 1 ? -3000 : 200);
            peer.respond("/backlog", n -> -250);
            List<String> victims = List.of(
                    dying.store.enqueue(JobType.PLUGIN_EXECUTE_HOOK, LeaseTest.hook(peer.url("/victim-1"))),
                    dying.store.enqueue(JobType.PLUGIN_EXECUTE_HOOK, LeaseTest.hook(peer.url("/victim-2"))));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> peer.calls("/victim-1") == 1 && peer.calls("/victim-2") == 1);
            // 40 jobs of 250 ms on two slots: five seconds of backlog.
            List<String> backlog = busy.store.enqueue(JobType.PLUGIN_EXECUTE_HOOK, 40,
                    i -> LeaseTest.hook(peer.url("/backlog")));
            busy.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> peer.calls("/backlog") >= 2);

            long cutAt = System.nanoTime();
            dying.cutOff();
            await().atMost(VISIBILITY.multipliedBy(3))
                    .until(() -> peer.calls("/victim-1") == 2 && peer.calls("/victim-2") == 2);
            long recoveredMs = Duration.ofNanos(System.nanoTime() - cutAt).toMillis();

            assertThat(peer.calls("/backlog")).as("backlog jobs started when both were recovered").isLessThan(35);
            for (String id : victims) {
                assertThat(busy.store.awaitState(id, "completed", Duration.ofSeconds(10)).attempts()).isEqualTo(2);
            }
            backlog.forEach(id -> busy.store.awaitState(id, "completed", Duration.ofSeconds(20)));
            busy.store.assertInvariant(QueueName.PLUGINS);
            assertThat(recoveredMs).isLessThan(VISIBILITY.multipliedBy(3).toMillis());
        }
    }

    /**
     * Redis runs a claim after the worker gave up waiting for its answer: the job is active under this worker, which
     * does not know it. Here the server holds every command for longer than a call may take (2 s in the test
     * profile); the worker's claim times out and runs when the pause ends. The worker hands the job back, unspent,
     * and runs it, instead of leaving it to recovery after the visibility timeout (30 s on workflows).
     */
    @Test
    void aJobTakenByAClaimWhoseAnswerWasLostIsHandedBackAndRun() {
        QueueName q = QueueName.WORKFLOWS;
        ScriptedHandler quick = new ScriptedHandler(JobType.WORKFLOW_START_RUN, c -> "started");
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "lost-claim-worker", EnumSet.of(q), List.of(quick))) {
            String id = worker.store.enqueue(JobType.WORKFLOW_START_RUN, "{\"workflowId\":\"wf.v1\",\"input\":{}}");
            // While the queue is paused the worker asks for jobs every 500 ms, so its next claim comes during the
            // server's pause (its recovery round, rarer, came at start).
            worker.store.jobs.setPaused(q, true, "test").await().atMost(Duration.ofSeconds(5));
            worker.start();
            ScriptedHandler.ignoreCancellation(Duration.ofSeconds(1));
            worker.store.jobs.setPaused(q, false, "test").await().atMost(Duration.ofSeconds(5));
            redis.command("CLIENT", "PAUSE", "4000", "ALL");

            assertThat(worker.store.awaitState(id, "completed", Duration.ofSeconds(15)).attempts()).isEqualTo(1);
            assertThat(quick.runs()).hasSize(1);
            worker.store.assertInvariant(q);
        }
    }

    /** Every worker start joins the group under a new name; those that left, holding nothing, are deleted. */
    @Test
    void consumersThatLeftAreDeletedButNotOneHoldingAJob() {
        ScriptedHandler quick = new ScriptedHandler(JobType.WORKFLOW_START_RUN, c -> "started");
        QueueName q = QueueName.WORKFLOWS;
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "pruning-worker", EnumSet.of(q), List.of(quick))) {
            worker.store.enqueue(JobType.WORKFLOW_START_RUN, "{\"workflowId\":\"wf.v1\",\"input\":{}}");
            ClaimResult held = worker.store.work.claim(q, "gone-holding-a-job", 1).await().indefinitely();
            assertThat(held).isInstanceOf(ClaimResult.Jobs.class);
            redis.command("XGROUP", "CREATECONSUMER", QueueKeys.of(q).stream(), QueueKeys.CONSUMER_GROUP,
                    "gone-empty-handed");
            assertThat(consumers(redis, q)).contains("gone-holding-a-job", "gone-empty-handed");

            worker.start();

            // prune-min-idle is 3 s and prune-interval 1 s in the test profile.
            await().atMost(Duration.ofSeconds(10)).until(() -> !consumers(redis, q).contains("gone-empty-handed"));
            assertThat(consumers(redis, q)).contains("gone-holding-a-job");
        }
    }

    private static List<String> consumers(RedisTestServer redis, QueueName q) {
        String[] fields = redis.command("XINFO", "CONSUMERS", QueueKeys.of(q).stream(), QueueKeys.CONSUMER_GROUP)
                .split("\n");
        List<String> names = new ArrayList<>();
        for (int i = 0; i + 1 < fields.length; i++) {
            if ("name".equals(fields[i])) {
                names.add(fields[i + 1]);
            }
        }
        return names;
    }
}
