package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.testing.RedisTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several successes wait for the completion batcher while Redis is away for three visibility timeouts (system: 1 s in
 * the test profile): their batch gives up when the leases lapse and another worker runs them again. Whichever way,
 * each job completes, is counted once across the workers, and the first worker frees every slot: it goes on
 * working and stops settled.
 */
@QuarkusTest
class SuccessesOutlivingTheirLeasesTest {

    private static final QueueName Q = QueueName.SYSTEM;
    private static final int JOBS = 2;

    @Inject
    Engines engines;

    @Test
    void successesGivenUpInAnOutageEndOnceAndFreeTheirSlots() throws InterruptedException {
        CountDownLatch redisDown = new CountDownLatch(1);
        ScriptedHandler slow = new ScriptedHandler(JobType.SYSTEM_HEALTH_CHECK, c -> {
            if (c.job().attempt() == 1) {
                redisDown.await();
            }
            return "first";
        });
        ScriptedHandler quick = new ScriptedHandler(JobType.SYSTEM_HEALTH_CHECK, c -> "second");
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine first = engines.engine(redis, "outage-first", Set.of(Q), List.of(slow)).start()) {
            List<String> ids = first.store.enqueue(JobType.SYSTEM_HEALTH_CHECK, JOBS, i -> "{}");
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.running() == JOBS);
            try (TestEngine second = engines.engine(redis, "outage-second", Set.of(Q), List.of(quick)).start()) {
                Thread restart = Thread.ofVirtual().start(() -> redis.restart(Duration.ofSeconds(3)));
                await().atMost(Duration.ofSeconds(10)).until(() -> down(redis));
                redisDown.countDown();
                restart.join();

                for (String id : ids) {
                    first.store.awaitState(id, "completed", Duration.ofSeconds(20));
                }
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> first.stats.active() == 0 && second.stats.active() == 0);
                // The first worker still has all its slots: it takes new work.
                second.stop(Duration.ofSeconds(2));
                String after = first.store.enqueue(JobType.SYSTEM_HEALTH_CHECK, "{}");
                first.store.awaitState(after, "completed", Duration.ofSeconds(10));
                first.stop(Duration.ofSeconds(2));
                assertThat(first.stats.active()).isZero();
                assertThat(second.stats.active()).isZero();
                assertThat(first.stats.processed() + second.stats.processed()).isEqualTo(JOBS + 1);
                first.store.assertInvariant(Q);
            }
        }
    }

    /**
     * A stop while a success waits for Redis (workflows: 30 s visibility, far past the grace): the batcher is
     * interrupted at the deadline, gives the success up, and the job ends there; the stop does not wait out the lease.
     */
    @Test
    void aStopWhileASuccessWaitsForRedisEndsTheJob() throws InterruptedException {
        CountDownLatch redisDown = new CountDownLatch(1);
        ScriptedHandler step = new ScriptedHandler(JobType.WORKFLOW_EXECUTE_STEP, c -> {
            redisDown.await();
            return "done";
        });
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "stop-in-outage", Set.of(QueueName.WORKFLOWS), List.of(step))
                     .start()) {
            worker.store.enqueue(JobType.WORKFLOW_EXECUTE_STEP, "{\"runId\":\"run-stop\",\"stepId\":\"s\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> step.running() == 1);
            Thread restart = Thread.ofVirtual().start(() -> redis.restart(Duration.ofSeconds(8)));
            await().atMost(Duration.ofSeconds(10)).until(() -> down(redis));
            redisDown.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> step.runs().size() == 1);
            worker.stop(Duration.ofSeconds(1));
            await().atMost(Duration.ofSeconds(3)).until(() -> worker.stats.active() == 0);
            assertThat(down(redis)).as("stopped before Redis came back").isTrue();
            assertThat(worker.stats.processed()).isZero();
            restart.join();
        }
    }

    private static boolean down(RedisTestServer redis) {
        try {
            redis.command("PING");
            return false;
        } catch (RuntimeException refused) {
            return true;
        }
    }
}
