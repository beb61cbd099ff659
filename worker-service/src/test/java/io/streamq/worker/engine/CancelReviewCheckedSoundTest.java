package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.CancelFilter;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.RedisTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * REVIEW of issue 14, worker side: suspicions that turned out sound, kept as regression checks. Test profile: the
 * system queue has a 1 s visibility timeout, so leases are renewed every third of a second.
 */
@QuarkusTest
class CancelReviewCheckedSoundTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    Engines engines;

    /**
     * The cancel request is published while the worker's subscription is down (its connection was killed and it
     * resubscribes a second later): the next lease renewal finds the lease gone and stops the handler, well within a
     * visibility timeout, and the subscription comes back.
     */
    @Test
    void aMissedCancelRequestIsCaughtByTheNextLeaseRenewal() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicLong interruptedAt = new AtomicLong();
        ScriptedHandler sleeper = new ScriptedHandler(JobType.SYSTEM_HEALTH_CHECK, c -> {
            started.countDown();
            try {
                return ScriptedHandler.sleep(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                interruptedAt.set(System.nanoTime());
                throw e;
            }
        });
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine w = engines.engine(redis, "deaf-worker", EnumSet.of(QueueName.SYSTEM), List.of(sleeper))
                     .start()) {
            await().atMost(WAIT).until(() -> subscribers(w) == 1);
            String id = w.store.enqueue(JobType.SYSTEM_HEALTH_CHECK, "{}");
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            w.store.redis.execute("CLIENT", "KILL", "TYPE", "pubsub");
            await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> subscribers(w) == 0);

            long cancelAt = System.nanoTime();
            assertThat(w.store.control.cancel(id, "owner", CancelFilter.ANY).await().atMost(WAIT).cancelled())
                    .isTrue();

            await().atMost(Duration.ofSeconds(2)).until(() -> interruptedAt.get() != 0);
            assertThat(TimeUnit.NANOSECONDS.toMillis(interruptedAt.get() - cancelAt))
                    .as("ms from the missed cancel to the handler's interrupt").isLessThan(1_000);
            await().atMost(WAIT).until(() -> w.stats.active() == 0);
            assertThat(w.store.job(id).state()).isEqualTo("cancelled");
            await().atMost(WAIT).until(() -> subscribers(w) == 1);
            w.store.assertInvariant(QueueName.SYSTEM);
        }
    }

    /**
     * A handler that ignores the interrupt and returns a result after its job was cancelled: the result is refused,
     * the job stays cancelled (no completion counted), and the slot is free once the handler returned.
     */
    @Test
    void aHandlerIgnoringTheCancelKeepsItsSlotUntilItReturnsAndItsResultIsRefused() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ScriptedHandler stubborn = new ScriptedHandler(JobType.SYSTEM_HEALTH_CHECK, c -> {
            started.countDown();
            long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
            while (System.nanoTime() < end) {
                c.log("still here");
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ignored) {
                    // ignores the cancel
                }
            }
            return Map.of("done", true);
        });
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine w = engines.engine(redis, "stubborn-worker", EnumSet.of(QueueName.SYSTEM),
                     List.of(stubborn)).start()) {
            String id = w.store.enqueue(JobType.SYSTEM_HEALTH_CHECK, "{}");
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(w.store.control.cancel(id, "owner", CancelFilter.ANY).await().atMost(WAIT).cancelled())
                    .isTrue();
            assertThat(w.stats.active()).as("slot held while the handler runs").isEqualTo(1);

            await().atMost(WAIT).until(() -> stubborn.runs().size() == 1 && w.stats.active() == 0);
            assertThat(w.store.job(id).state()).isEqualTo("cancelled");
            Map<String, String> counts = w.store.redis.hash(String.class)
                    .hgetall(QueueKeys.of(QueueName.SYSTEM).counts());
            assertThat(counts.getOrDefault("total:completed", "0")).isEqualTo("0");
            assertThat(w.store.reports.logs(id).await().atMost(WAIT)).isNotEmpty()
                    .allSatisfy(l -> assertThat(l.attempt()).isEqualTo(1));
            w.store.assertInvariant(QueueName.SYSTEM);
        }
    }

    private static long subscribers(TestEngine w) {
        return w.store.redis.execute("PUBSUB", "NUMSUB", Channels.JOB_CANCEL_REQUESTS).get(1).toLong();
    }
}
