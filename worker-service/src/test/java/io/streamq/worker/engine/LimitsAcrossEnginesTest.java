package io.streamq.worker.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.limits.LimitOverride;
import io.streamq.core.limits.OwnerLimits;
import io.streamq.core.limits.RateLimit;
import io.streamq.testing.RedisTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
/**
 * A queue's start limits hold across three worker engines (each on its own connection pool, as three processes
 * are), set by an owner while they run: the rate over a 30 s window, and max active sampled every few ms.
 */
@QuarkusTest
class LimitsAcrossEnginesTest {

    private static final QueueName Q = QueueName.WORKFLOWS;
    private static final JobType TYPE = JobType.WORKFLOW_START_RUN;
    private static final String PAYLOAD = "{\"workflowId\":\"wf.v1\",\"input\":{}}";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    Engines engines;

    /**
     * 20 jobs a second over three engines with a backlog far above it: the jobs started (their startedAt, Redis
     * clock) in a 30 s window after the start-up burst are 600 within 10 %. GCRA allows at most 20 + 20 per second
     * over any span, so the bound would only be reached by a bug, and the lower one by workers that wait too long.
     */
    @Test
    void theRateHoldsAcrossThreeEnginesWithinTenPercentOverThirtySeconds() throws InterruptedException {
        ScriptedHandler noop = new ScriptedHandler(TYPE, c -> "ok");
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine a = engines.engine(redis, "rate-a", EnumSet.of(Q), List.of(noop));
             TestEngine b = engines.engine(redis, "rate-b", EnumSet.of(Q), List.of(noop));
             TestEngine c = engines.engine(redis, "rate-c", EnumSet.of(Q), List.of(noop))) {
            List<String> ids = a.store.enqueue(TYPE, 900, i -> PAYLOAD);
            List.of(a, b, c).forEach(TestEngine::start);
            a.store.limits.write(Q, new OwnerLimits(LimitOverride.of(new RateLimit(20, 1000)),
                    LimitOverride.followConfig())).await().atMost(WAIT);
            Thread.sleep(2_000);
            long from = redisNow(redis);
            Thread.sleep(30_500);
            long to = from + 30_000;

            long started = ids.stream().map(a.store::job)
                    .filter(j -> j.startedAt() != null && j.startedAt() >= from && j.startedAt() < to).count();
            assertThat(started).isBetween(540L, 660L);
            assertThat(limitedClaims(Q, "rate")).isPositive();
            List.of(a, b, c).forEach(e -> e.stop(Duration.ofSeconds(2)));
            a.store.assertInvariant(Q);
        }
    }

    /**
     * Max active 4 over three engines of 32 slots each, 60 jobs of 150 ms: sampled every few ms, the queue's active
     * counter never exceeds 4, nor do the handlers running at once in all three engines; the limit is used (4 run at
     * once at some point) and every job completes.
     */
    @Test
    void maxActiveHoldsAcrossThreeEngines() throws InterruptedException {
        ScriptedHandler slow = new ScriptedHandler(TYPE, ctx -> ScriptedHandler.sleep(Duration.ofMillis(150)));
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine a = engines.engine(redis, "cap-a", EnumSet.of(Q), List.of(slow));
             TestEngine b = engines.engine(redis, "cap-b", EnumSet.of(Q), List.of(slow));
             TestEngine c = engines.engine(redis, "cap-c", EnumSet.of(Q), List.of(slow))) {
            a.store.limits.write(Q, new OwnerLimits(LimitOverride.followConfig(), LimitOverride.of(4)))
                    .await().atMost(WAIT);
            List<String> ids = a.store.enqueue(TYPE, 60, i -> PAYLOAD);
            AtomicLong mostActive = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().start(() -> {
                while (sampling.get()) {
                    String active = a.store.redis.hash(String.class).hget(QueueKeys.of(Q).counts(), "active");
                    mostActive.accumulateAndGet(active == null ? 0 : Long.parseLong(active), Math::max);
                    try {
                        Thread.sleep(3);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            List.of(a, b, c).forEach(TestEngine::start);
            ids.forEach(id -> a.store.awaitState(id, "completed", Duration.ofSeconds(30)));
            sampling.set(false);
            sampler.join();

            assertThat(mostActive.get()).isBetween(1L, 4L);
            assertThat(slow.mostAtOnce()).isEqualTo(4);
            assertThat(limitedClaims(Q, "max-active")).isPositive();
            a.store.assertInvariant(Q);
        }
    }

    /**
     * A rate-limited recovery: a dead worker left two jobs, the rate (one start per 4 s) lets the survivor take one,
     * and its reclaim walk stops mid-list. The claim loop then waits for the rate instead of resuming the walk at once
     * in a tight loop: over the next 3 s it asks a handful of times (a spinning loop asks thousands), and the second
     * job is recovered once the rate frees a start.
     */
    @Test
    void aRateLimitedRecoveryWaitsForTheRateInsteadOfSpinning() throws InterruptedException {
        QueueName q = QueueName.PLUGINS;
        String hook = LeaseTest.hook("http://127.0.0.1:9/never-called");
        ScriptedHandler stuck = new ScriptedHandler(JobType.PLUGIN_EXECUTE_HOOK,
                ctx -> ScriptedHandler.sleep(Duration.ofSeconds(30)));
        ScriptedHandler quick = new ScriptedHandler(JobType.PLUGIN_EXECUTE_HOOK, ctx -> "ok");
        try (RedisTestServer redis = new RedisTestServer();
             TestEngine dying = engines.engine(redis, "limited-dying", EnumSet.of(q), List.of(stuck));
             TestEngine survivor = engines.engine(redis, "limited-survivor", EnumSet.of(q), List.of(quick))) {
            List<String> ids = dying.store.enqueue(JobType.PLUGIN_EXECUTE_HOOK, 2, i -> hook);
            dying.start();
            ids.forEach(id -> dying.store.awaitState(id, "active", WAIT));
            dying.cutOff();
            survivor.store.limits.write(q, new OwnerLimits(LimitOverride.of(new RateLimit(1, 4000)),
                    LimitOverride.followConfig())).await().atMost(WAIT);
            // Past the plugins queue's visibility timeout in the test profile (1 s).
            Thread.sleep(1_500);

            double before = limitedClaims(q, "rate");
            survivor.start();
            Thread.sleep(3_000);
            double asked = limitedClaims(q, "rate") - before;

            assertThat(asked).as("rate-limited claims in 3 s").isBetween(1.0, 10.0);
            ids.forEach(id -> assertThat(survivor.store.awaitState(id, "completed", Duration.ofSeconds(15))
                    .attempts()).isEqualTo(2));
            survivor.store.assertInvariant(q);
        }
    }

    private static double limitedClaims(QueueName queue, String limit) {
        Counter counter = Metrics.globalRegistry.find("streamq.worker.claims.limited").tag("queue", queue.wireName())
                .tag("limit", limit).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long redisNow(RedisTestServer redis) {
        String[] time = redis.command("TIME").split("\\s+");
        return Long.parseLong(time[0]) * 1000 + Long.parseLong(time[1]) / 1000;
    }
}
