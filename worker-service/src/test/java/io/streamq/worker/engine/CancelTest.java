package io.streamq.worker.engine;

import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.CancelFilter;
import io.streamq.core.job.CancelVerdict;
import io.streamq.core.job.JobView;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.AbortWatchingPeer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A producer or an owner cancels a job wherever it runs: the replica holding it is told at once, its handler is
 * interrupted (and with it its outbound call), and the job ends cancelled, with no retry and no DLQ record, whatever
 * the handler does after.
 */
@QuarkusTest
class CancelTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    Engines engines;

    /**
     * plugins: 1 s visibility timeout, 3 attempts with a 0.1 s backoff and a 4 s handler timeout in the test profile,
     * so a retry or a recovery after the cancel would reach the peer again within the 3 s watched afterwards.
     */
    @Test
    void aRunningWebhookHeldByOneOfTwoReplicasIsAbortedAtThePeerAndEndsCancelledWithoutRetry() throws Exception {
        try (AbortWatchingPeer peer = new AbortWatchingPeer();
             RedisTestServer redis = new RedisTestServer();
             TestEngine a = engines.engine(redis, "replica-a", EnumSet.of(QueueName.PLUGINS)).start();
             TestEngine b = engines.engine(redis, "replica-b", EnumSet.of(QueueName.PLUGINS)).start()) {
            String id = a.store.enqueue(JobType.PLUGIN_EXECUTE_HOOK, LeaseTest.hook(peer.url("/slow-hook")));
            peer.firstRequestAt().get(10, TimeUnit.SECONDS);
            String holder = a.store.redis.hash(String.class).hget(QueueKeys.of(QueueName.PLUGINS).job(id), "worker");
            assertThat(holder).isIn("replica-a", "replica-b");

            long cancelAt = System.nanoTime();
            CancelVerdict verdict = b.store.control.cancel(id, "test-owner", CancelFilter.ANY).await().atMost(WAIT);

            assertThat(verdict.verdict()).isEqualTo(CancelVerdict.Verdict.CANCELLED);
            assertThat(verdict.state()).isEqualTo("active");
            long abortedAt = peer.firstAbortAt().get(1, TimeUnit.SECONDS);
            assertThat(TimeUnit.NANOSECONDS.toMillis(abortedAt - cancelAt)).as("ms from cancel to the peer's "
                    + "connection closing").isLessThan(1_000);
            JobView job = a.store.awaitState(id, "cancelled", Duration.ofSeconds(1));
            assertThat(job.cancelledBy()).isEqualTo("test-owner");
            assertThat(job.cancelledFrom()).isEqualTo("active");

            TimeUnit.SECONDS.sleep(3);
            assertThat(peer.requests()).as("requests the peer got: no retry, no recovery").isEqualTo(1);
            job = a.store.job(id);
            assertThat(job.state()).isEqualTo("cancelled");
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(a.store.redis.stream(String.class).xlen(QueueKeys.of(QueueName.PLUGINS).deadStream()))
                    .as("nothing went to the DLQ").isZero();
            await().atMost(WAIT).until(() -> a.stats.active() == 0 && b.stats.active() == 0);
            a.store.assertInvariant(QueueName.PLUGINS);
        }
    }

    /**
     * 100 jobs, each finishing at the moment it is cancelled: the handler is released and the cancel sent together.
     * Each job ends in exactly one final state, the one the cancel's answer implies, and no outcome is recorded twice.
     */
    @Test
    void cancelRacingCompletionLeavesExactlyOneFinalStateEveryTime() throws Exception {
        int runs = 100;
        Map<String, CountDownLatch> release = new ConcurrentHashMap<>();
        ScriptedHandler racer = new ScriptedHandler(JobType.SYSTEM_HEALTH_CHECK, c -> {
            release.computeIfAbsent(c.job().jobId(), k -> new CountDownLatch(1)).await();
            return Map.of("ok", true);
        });
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "racing-worker", EnumSet.of(QueueName.SYSTEM),
                     List.of(racer)).start()) {
            List<String> cancelled = new ArrayList<>();
            List<String> completed = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String id = worker.store.enqueue(JobType.SYSTEM_HEALTH_CHECK, "{}");
                worker.store.awaitState(id, "active", WAIT);
                CompletableFuture<CancelVerdict> cancel = worker.store.control
                        .cancel(id, "racer", CancelFilter.ANY).subscribeAsCompletionStage();
                release.computeIfAbsent(id, k -> new CountDownLatch(1)).countDown();
                CancelVerdict verdict = cancel.get(5, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> worker.store.job(id).state().matches("completed|cancelled"));

                String state = worker.store.job(id).state();
                if (verdict.cancelled()) {
                    assertThat(state).as(id).isEqualTo("cancelled");
                    cancelled.add(id);
                } else {
                    assertThat(verdict.verdict()).as(id).isEqualTo(CancelVerdict.Verdict.FINISHED);
                    assertThat(verdict.state()).as(id).isEqualTo("completed");
                    assertThat(state).as(id).isEqualTo("completed");
                    completed.add(id);
                }
            }
            await().atMost(WAIT).until(() -> worker.stats.active() == 0);
            Map<String, String> counts = worker.store.redis.hash(String.class)
                    .hgetall(QueueKeys.of(QueueName.SYSTEM).counts());
            assertThat(Long.parseLong(counts.getOrDefault("total:completed", "0"))).isEqualTo(completed.size());
            assertThat(Long.parseLong(counts.getOrDefault("total:cancelled", "0"))).isEqualTo(cancelled.size());
            assertThat(counts.get("active")).isEqualTo("0");
            // A job cancelled before its handler started never runs; none runs twice.
            assertThat(racer.runs()).extracting(ScriptedHandler.Run::jobId).doesNotHaveDuplicates();
            worker.store.assertInvariant(QueueName.SYSTEM);
        }
    }

    /**
     * The cancel of a job can reach its worker before the claim that handed the job over does (the claim's answer is
     * on its way): the job must not start. A prioritized job's lease entry is predictable (0-1 on a fresh queue), so
     * the request is sent before the claim, as it would arrive.
     */
    @Test
    void aCancelHeardBeforeTheJobStartsStopsItAsItStarts() {
        ScriptedHandler handler = new ScriptedHandler(JobType.SYSTEM_HEALTH_CHECK, c -> ScriptedHandler.sleep(
                Duration.ofSeconds(30)));
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine worker = engines.engine(redis, "early-worker", EnumSet.of(QueueName.SYSTEM),
                     List.of(handler))) {
            worker.store.jobs.setPaused(QueueName.SYSTEM, true, "test").await().atMost(WAIT);
            String id = worker.store.enqueueAt(1, JobType.SYSTEM_HEALTH_CHECK, 1, "{}").getFirst();
            worker.start();
            await().atMost(WAIT).until(() -> redis.command("PUBSUB", "NUMSUB", Channels.JOB_CANCEL_REQUESTS)
                    .endsWith("\n1"));
            redis.command("PUBLISH", Channels.JOB_CANCEL_REQUESTS, "{\"queue\":\"system\",\"jobId\":\"" + id
                    + "\",\"worker\":\"early-worker\",\"entry\":\"0-1\"}");

            worker.store.jobs.setPaused(QueueName.SYSTEM, false, "test").await().atMost(WAIT);
            worker.store.awaitState(id, "active", WAIT);
            await().atMost(WAIT).until(() -> worker.stats.active() == 0);

            assertThat(handler.runs()).as("the handler never ran").isEmpty();
            assertThat(redis.command("HGET", QueueKeys.of(QueueName.SYSTEM).job(id), "entry")).isEqualTo("0-1");
            assertThat(worker.store.control.cancel(id, "test", CancelFilter.ANY).await().atMost(WAIT).state())
                    .isEqualTo("active");
            worker.store.assertInvariant(QueueName.SYSTEM);
        }
    }
}
