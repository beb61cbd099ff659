package io.streamq.core.lifecycle;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.Completion;
import io.streamq.core.job.NewJob;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.limits.LimitOverride;
import io.streamq.core.limits.OwnerLimits;
import io.streamq.core.limits.RateLimit;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueLimitsStore;
import io.streamq.core.store.WorkQueue;
import io.streamq.core.testing.QueueInvariants;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start limits in the claim and reclaim scripts: a rate limit hands over at most what its bucket holds and
 * answers when the next start is free; max active caps the jobs active across consumers; held-back jobs stay
 * waiting with their attempts untouched; an owner's override (a value, or "no limit") beats the config's default.
 * The system queue has no config limits; the email queue has 2 per minute and max active 1 (the profile).
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@TestProfile(LimitsTest.EmailDefaults.class)
class LimitsTest {

    /** A profile of its own: the test jar's application.properties reaches the services' tests too. */
    public static class EmailDefaults implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streamq.queue.email.rate-limit.jobs", "2", "streamq.queue.email.rate-limit.per", "PT1M",
                    "streamq.queue.email.max-active", "1");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final QueueName SYSTEM = QueueName.SYSTEM;
    private static final QueueName EMAIL = QueueName.EMAIL;

    @Inject
    JobStore jobs;

    @Inject
    WorkQueue work;

    @Inject
    QueueLimitsStore limits;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void reset() {
        redis.flushall();
    }

    @Test
    void aRateLimitHandsOverWhatItsBucketHoldsAndSaysWhenTheNextStartIsFree() {
        List<String> ids = enqueue(JobType.SYSTEM_HEALTH_CHECK, 20);
        setLimits(SYSTEM, new RateLimit(5, 60_000), null);

        assertThat(claimed(SYSTEM, "worker-a", 20)).hasSize(5);
        ClaimResult held = work.claim(SYSTEM, "worker-b", 20).await().atMost(WAIT);

        // One start frees every 60 s / 5 = 12 s.
        assertThat(held).isInstanceOfSatisfying(ClaimResult.Limited.class, l -> {
            assertThat(l.by()).isEqualTo(ClaimResult.Limit.RATE);
            assertThat(l.rateFreesIn()).isBetween(Duration.ofSeconds(11), Duration.ofSeconds(12));
        });
        assertHeldBackUntouched(ids, 15);
    }

    @Test
    void overASpanTheRateHandsOverAtMostItsBurstPlusOnePerInterval() {
        enqueue(JobType.SYSTEM_HEALTH_CHECK, 200);
        setLimits(SYSTEM, new RateLimit(10, 500), null);
        long from = redisNow();
        int started = 0;
        int limited = 0;
        while (redisNow() - from < 1_500) {
            ClaimResult r = work.claim(SYSTEM, "worker-" + (started % 3), 50).await().atMost(WAIT);
            if (r instanceof ClaimResult.Jobs j) {
                started += j.jobs().size();
            } else if (r instanceof ClaimResult.Limited l) {
                limited++;
                QueueFixture.sleep(l.rateFreesIn().toMillis());
            }
        }
        long span = redisNow() - from;

        // GCRA with a bucket of 10 refilled one every 50 ms: at most 10 + span / 50 over the span; at least the burst.
        assertThat(started).isGreaterThanOrEqualTo(10).isLessThanOrEqualTo(10 + (int) (span / 50) + 1);
        assertThat(limited).isPositive();
        QueueInvariants.of(redis).assertHolds(SYSTEM);
    }

    @Test
    void maxActiveCapsTheActiveJobsAcrossConsumersAndAnEndedJobFreesASlot() {
        List<String> ids = enqueue(JobType.SYSTEM_HEALTH_CHECK, 10);
        setLimits(SYSTEM, null, 3);

        List<ClaimedJob> a = claimed(SYSTEM, "worker-a", 2);
        List<ClaimedJob> b = claimed(SYSTEM, "worker-b", 5);
        ClaimResult held = work.claim(SYSTEM, "worker-b", 5).await().atMost(WAIT);

        assertThat(a).hasSize(2);
        assertThat(b).hasSize(1);
        assertThat(held).isEqualTo(new ClaimResult.Limited(ClaimResult.Limit.MAX_ACTIVE, Duration.ZERO));
        assertHeldBackUntouched(ids, 7);

        work.complete(SYSTEM, "worker-a", List.of(new Completion(a.getFirst(), 1, "{}"))).await().atMost(WAIT);
        assertThat(claimed(SYSTEM, "worker-b", 5)).hasSize(1);
        QueueInvariants.of(redis).assertHolds(SYSTEM);
    }

    @Test
    void theConfigDefaultsApplyUntilAnOwnerOverridesThemEvenWithNoLimit() {
        enqueue(JobType.EMAIL_SEND_TRANSACTIONAL, 6);

        assertThat(claimed(EMAIL, "worker-a", 5)).hasSize(1);
        assertThat(work.claim(EMAIL, "worker-a", 5).await().atMost(WAIT))
                .isEqualTo(new ClaimResult.Limited(ClaimResult.Limit.MAX_ACTIVE, Duration.ZERO));

        // The owner's "no limit" is stored as such, so it beats the config's 2 per minute and max active 1.
        limits.write(EMAIL, new OwnerLimits(LimitOverride.of(null), LimitOverride.of(null))).await().atMost(WAIT);
        assertThat(claimed(EMAIL, "worker-b", 5)).hasSize(5);
        assertThat(limits.read(EMAIL).await().atMost(WAIT).owner())
                .isEqualTo(new OwnerLimits(LimitOverride.of(null), LimitOverride.of(null)));

        // Following the config again brings its defaults back.
        limits.write(EMAIL, OwnerLimits.NONE).await().atMost(WAIT);
        enqueue(JobType.EMAIL_SEND_TRANSACTIONAL, 1);
        assertThat(work.claim(EMAIL, "worker-b", 5).await().atMost(WAIT)).isInstanceOf(ClaimResult.Limited.class);
        assertThat(limits.read(EMAIL).await().atMost(WAIT).owner()).isEqualTo(OwnerLimits.NONE);
        QueueInvariants.of(redis).assertHolds(EMAIL);
    }

    @Test
    void aReclaimStartsAnAttemptSoTheRateCountsIt() {
        enqueue(JobType.SYSTEM_HEALTH_CHECK, 3);
        setLimits(SYSTEM, new RateLimit(3, 60_000), null);
        List<ClaimedJob> lost = claimed(SYSTEM, "worker-a", 1);
        QueueFixture.outlastVisibility();

        List<ClaimedJob> taken = work.reclaim(SYSTEM, "worker-b", 10, ReclaimBatch.START).await().atMost(WAIT).jobs();
        assertThat(taken).extracting(ClaimedJob::jobId).containsExactly(lost.getFirst().jobId());
        assertThat(claimed(SYSTEM, "worker-b", 10)).hasSize(1);

        // The bucket of 3 is spent (claim, reclaim, claim): neither a claim nor a reclaim starts another.
        assertThat(work.claim(SYSTEM, "worker-c", 10).await().atMost(WAIT)).isInstanceOf(ClaimResult.Limited.class);
        QueueFixture.outlastVisibility();
        assertThat(work.reclaim(SYSTEM, "worker-c", 10, ReclaimBatch.START).await().atMost(WAIT).jobs()).isEmpty();
        QueueInvariants.of(redis).assertHolds(SYSTEM);
    }

    private void assertHeldBackUntouched(List<String> ids, int waiting) {
        List<String> held = new ArrayList<>();
        for (String id : ids) {
            var job = jobs.find(id).await().atMost(WAIT).orElseThrow();
            if (job.state().equals("waiting")) {
                assertThat(job.attempts()).as(id).isZero();
                held.add(id);
            }
        }
        assertThat(held).hasSize(waiting);
        QueueInvariants.of(redis).assertHolds(ids.getFirst().startsWith("email") ? EMAIL : SYSTEM);
    }

    private void setLimits(QueueName queue, RateLimit rate, Integer maxActive) {
        limits.write(queue, new OwnerLimits(LimitOverride.of(rate), LimitOverride.of(maxActive)))
                .await().atMost(WAIT);
    }

    private List<ClaimedJob> claimed(QueueName queue, String consumer, int max) {
        ClaimResult r = work.claim(queue, consumer, max).await().atMost(WAIT);
        assertThat(r).as("claim of " + consumer).isInstanceOf(ClaimResult.Jobs.class);
        return ((ClaimResult.Jobs) r).jobs();
    }

    private List<String> enqueue(JobType type, int n) {
        List<NewJob> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(new NewJob(type, "{}", "t", "w", "a", null, 0));
        }
        return jobs.enqueue(batch).await().atMost(WAIT).stream().map(e -> e.id()).toList();
    }

    private long redisNow() {
        var t = redis.execute("TIME");
        return Long.parseLong(t.get(0).toString()) * 1000 + Long.parseLong(t.get(1).toString()) / 1000;
    }
}
