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
 * A success is recorded by the completion batcher, not by the job's thread, which ends as soon as it handed the
 * success over. The job still counts as active (its slot taken, its lease renewed) until the record is in Redis:
 * here Redis is down as the handler returns, so the job must stay active through the outage, then complete once
 * and be counted once.
 */
@QuarkusTest
class SuccessRecordedBeforeSlotFreedTest {

    private static final QueueName Q = QueueName.WORKFLOWS;

    @Inject
    Engines engines;

    @Test
    void aJobWhoseHandlerReturnedKeepsItsSlotUntilItsSuccessIsRecordedAndCountsOnce() throws InterruptedException {
        CountDownLatch redisDown = new CountDownLatch(1);
        ScriptedHandler step = new ScriptedHandler(JobType.WORKFLOW_EXECUTE_STEP, c -> {
            redisDown.await();
            return "done";
        });
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "record-later-worker", Set.of(Q), List.of(step)).start()) {
            String id = worker.store.enqueue(JobType.WORKFLOW_EXECUTE_STEP, "{\"runId\":\"run-late\",\"stepId\":\"s\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> step.running() == 1);

            Thread restart = Thread.ofVirtual().start(() -> redis.restart(Duration.ofSeconds(5)));
            await().atMost(Duration.ofSeconds(10)).until(() -> down(redis));
            redisDown.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> step.runs().size() == 1);
            int activeAfterReturn = worker.stats.active();
            long processedAfterReturn = worker.stats.processed();
            // Read before Redis came back, the numbers show the job between its handler's return and its record.
            assertThat(down(redis)).as("Redis still down").isTrue();
            assertThat(activeAfterReturn).as("active while its success waits for Redis").isEqualTo(1);
            assertThat(processedAfterReturn).isZero();

            restart.join();
            assertThat(worker.store.awaitState(id, "completed", Duration.ofSeconds(10)).attempts()).isEqualTo(1);
            worker.stop(Duration.ofSeconds(2));
            // Stopped, nothing can change the numbers any more: the job ended exactly once (a second end would
            // leave the active count below zero) and was counted once.
            assertThat(worker.stats.active()).isZero();
            assertThat(worker.stats.processed()).isEqualTo(1);
            assertThat(step.runs()).hasSize(1);
            worker.store.assertInvariant(Q);
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
