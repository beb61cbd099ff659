package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.testing.RedisTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Defects a cold review of issue 14 (follow and stop a job) reproduced against a real redis-server, kept as
 * regression tests: a replay must not revive a cancelled job, an earlier run's attempt must not write into the next
 * run's progress (attempt numbers repeat), a new attempt must not show the last one's progress, and a closed
 * subscription must stay closed. Each test states the behaviour that holds since the fix.
 */
@QuarkusTest
class CancelReviewFindingsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    Engines engines;

    /**
     * F2, end to end. Worker A stops while its handler ignores the stop: Engine.handBackStuck hands the job back
     * (refunding the attempt) and the handler keeps running until A's process exits, still reporting through its
     * JobProgress. Worker B claims the job and runs it as attempt 1, the number A's attempt had: report-progress
     * tells the two apart by that number only, so A's progress overwrites B's (and A's lines join B's log).
     */
    @Test
    void f2_aStoppedWorkersStuckHandlerDoesNotWriteIntoTheNextWorkersRun() throws Exception {
        ScriptedHandler stubborn = new ScriptedHandler(JobType.SYSTEM_HEALTH_CHECK, c -> {
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                c.progress(13, "worker-a");
                try {
                    Thread.sleep(30);
                } catch (InterruptedException ignored) {
                    // ignores its stop, as a handler stuck in a library call does
                }
            }
            return null;
        });
        CountDownLatch bRuns = new CountDownLatch(1);
        ScriptedHandler polite = new ScriptedHandler(JobType.SYSTEM_HEALTH_CHECK, c -> {
            c.progress(77, "worker-b");
            bRuns.countDown();
            return ScriptedHandler.sleep(Duration.ofMillis(1500));
        });
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine a = engines.engine(redis, "stuck-a", EnumSet.of(QueueName.SYSTEM), List.of(stubborn))
                     .start()) {
            String id = a.store.enqueue(JobType.SYSTEM_HEALTH_CHECK, "{}");
            await().atMost(WAIT).until(() -> String.valueOf(a.store.job(id).progress()).contains("worker-a"));
            a.stop(Duration.ofMillis(400));
            assertThat(a.store.job(id).state()).as("handed back by the stop").isEqualTo("waiting");

            try (TestEngine b = engines.engine(redis, "fresh-b", EnumSet.of(QueueName.SYSTEM), List.of(polite))
                    .start()) {
                assertThat(bRuns.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(b.store.job(id).attempts()).as("B's attempt number").isEqualTo(1);
                // B's one report lands (polled closely: A's next write may replace it within 250 ms).
                await().atMost(WAIT).pollInterval(Duration.ofMillis(5))
                        .until(() -> String.valueOf(b.store.job(id).progress()).contains("worker-b"));
                List<String> seen = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    seen.add(String.valueOf(b.store.job(id).progress()));
                    Thread.sleep(50);
                }

                assertThat(seen).as("the job's progress while B runs it (B reported once, first)")
                        .noneMatch(p -> p.contains("worker-a"));
            }
        }
    }
}
