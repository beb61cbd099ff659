package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobView;
import io.streamq.testing.RedisTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A timed-out handler keeps its slot and its lease until it has really stopped, so its retry never overlaps it and
 * the work in flight never exceeds the concurrency; one that ignores its cancellation is dead-lettered instead of
 * being retried beside itself. ai.generate-text has a 1 s timeout in the test profile, handler-stop-wait is 2 s.
 */
@QuarkusTest
class HandlerDeadlineTest {

    private static final String PROMPT = "{\"prompt\":\"p\",\"model\":\"m\",\"maxTokens\":16}";

    @Inject
    Engines engines;

    @Test
    void aTimedOutHandlerIsRetriedOnlyOnceItHasStopped() {
        // The first attempt keeps a CPU busy for 1.8 s, deaf to interrupts, and only then sees that its 1 s timeout
        // passed; the retry is quick.
        ScriptedHandler handler = new ScriptedHandler(JobType.AI_GENERATE_TEXT, c -> {
            if (c.job().attempt() == 1) {
                ScriptedHandler.spin(Duration.ofMillis(1800));
                if (c.cancelled()) {
                    throw new CancellationException("past my deadline");
                }
            }
            return "text";
        });
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "deadline-worker", EnumSet.of(QueueName.AI),
                     List.of(handler)).start()) {
            String id = worker.store.enqueue(JobType.AI_GENERATE_TEXT, PROMPT);

            JobView done = worker.store.awaitState(id, "completed", Duration.ofSeconds(10));

            assertThat(done.attempts()).isEqualTo(2);
            assertThat(done.lastError().code()).isEqualTo("timeout");
            List<ScriptedHandler.Run> runs = handler.runs();
            assertThat(runs).hasSize(2);
            assertThat(runs.get(1).startNanos()).as("the retry started after the first attempt returned")
                    .isGreaterThan(runs.get(0).endNanos());
            assertThat(handler.mostAtOnce()).isEqualTo(1);
            worker.store.assertInvariant(QueueName.AI);
        }
    }

    @Test
    void aHandlerIgnoringItsCancellationIsDeadLetteredAndKeepsItsSlotUntilItReturns() {
        // 1 s timeout + 2 s stop wait: at 3 s it is overdue; it returns only at 6 s.
        ScriptedHandler deaf = new ScriptedHandler(JobType.AI_GENERATE_TEXT,
                c -> ScriptedHandler.ignoreCancellation(Duration.ofSeconds(6)));
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "deaf-handler-worker", EnumSet.of(QueueName.AI),
                     List.of(deaf)).start()) {
            String id = worker.store.enqueue(JobType.AI_GENERATE_TEXT, PROMPT);

            JobView failed = worker.store.awaitState(id, "failed", Duration.ofSeconds(5));

            assertThat(failed.lastError().code()).isEqualTo(JobProcessor.UNRESPONSIVE);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(deaf.running()).as("the handler still runs").isEqualTo(1);
            assertThat(worker.stats.active()).as("and still takes its slot").isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> worker.stats.active() == 0);
            assertThat(deaf.runs()).hasSize(1);
            assertThat(worker.store.job(id).state()).isEqualTo("failed");
            worker.store.assertInvariant(QueueName.AI);
        }
    }
}
