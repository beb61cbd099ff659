package io.streamq.core.lifecycle;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.job.CancelFilter;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.job.Replay;
import io.streamq.core.job.ReplayVerdict;
import io.streamq.core.limits.LimitOverride;
import io.streamq.core.limits.OwnerLimits;
import io.streamq.core.store.JobControl;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueAdmin;
import io.streamq.core.store.QueueLimitsStore;
import io.streamq.core.store.WorkQueue;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.streamq.core.lifecycle.QueueFixture.K;
import static io.streamq.core.lifecycle.QueueFixture.Q;
import static io.streamq.core.lifecycle.QueueFixture.outlastVisibility;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A retry without backoff goes straight back to waiting: on a paused queue, at every priority, after a cancel or a
 * reclaim took the job away, under max-active, after an owner's retry or a replay; the attempt counts stay right.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class RetryWithoutBackoffTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    QueueFixture queue;

    @Inject
    WorkQueue work;

    @Inject
    JobStore jobs;

    @Inject
    JobControl control;

    @Inject
    QueueAdmin admin;

    @Inject
    QueueLimitsStore limits;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    private String job(int priority) {
        return priority == 5 ? queue.enqueue(1).getFirst() : queue.enqueueAt(priority, 1).getFirst();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5, 8})
    void pausedQueue(int priority) {
        String id = job(priority);
        ClaimedJob first = queue.claimOne("worker-a");
        jobs.setPaused(Q, true, "owner").await().atMost(WAIT);
        assertThat(queue.retry("worker-a", first, 0)).isTrue();
        queue.assertInvariant();
        assertThat(queue.counts()).containsEntry("waiting", "1").containsEntry("active", "0");
        assertThat(work.claim(Q, "worker-b", 5).await().atMost(WAIT)).isInstanceOf(ClaimResult.Paused.class);
        jobs.setPaused(Q, false, "owner").await().atMost(WAIT);
        ClaimedJob second = queue.claimOne("worker-b");
        assertThat(second.jobId()).isEqualTo(id);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(queue.job(id).attempts()).isEqualTo(2);
        queue.assertInvariant();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5})
    void cancelledBetweenClaimAndRetry(int priority) {
        String id = job(priority);
        ClaimedJob first = queue.claimOne("worker-a");
        control.cancel(id, "owner", CancelFilter.ANY).await().atMost(WAIT);
        assertThat(queue.retry("worker-a", first, 0)).isFalse();
        assertThat(queue.job(id).state()).isEqualTo("cancelled");
        assertThat(queue.counts()).containsEntry("waiting", "0").containsEntry("active", "0");
        queue.assertInvariant();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 9})
    void reclaimedThenBothWorkersRetry(int priority) {
        String id = job(priority);
        ClaimedJob dead = queue.claimOne("worker-dead");
        outlastVisibility();
        List<ClaimedJob> taken = new ArrayList<>();
        String cursor = ReclaimBatch.START;
        do {
            ReclaimBatch b = work.reclaim(Q, "worker-b", 10, cursor).await().atMost(WAIT);
            taken.addAll(b.jobs());
            cursor = b.nextCursor();
        } while (!ReclaimBatch.START.equals(cursor));
        assertThat(taken).singleElement().satisfies(j -> assertThat(j.attempt()).isEqualTo(2));
        assertThat(queue.job(id).attempts()).isEqualTo(2);
        assertThat(queue.retry("worker-dead", dead, 0)).isFalse();
        queue.assertInvariant();
        assertThat(queue.retry("worker-b", taken.getFirst(), 0)).isTrue();
        queue.assertInvariant();
        assertThat(queue.counts()).containsEntry("waiting", "1").containsEntry("active", "0");
        ClaimedJob third = queue.claimOne("worker-c");
        assertThat(third.attempt()).isEqualTo(3);
        assertThat(queue.retry("worker-b", taken.getFirst(), 0)).as("old lease, same entry id for priority 5?")
                .isFalse();
        queue.assertInvariant();
        assertThat(queue.complete("worker-c", third)).isTrue();
        assertThat(queue.job(id).attempts()).isEqualTo(3);
        queue.assertInvariant();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5})
    void replayAndOwnerRetryStartAgainAtOne(int priority) {
        String id = job(priority);
        assertThat(queue.retry("worker-a", queue.claimOne("worker-a"), 0)).isTrue();
        assertThat(queue.failToDlq("worker-a", queue.claimOne("worker-a"))).isTrue();
        assertThat(admin.retry(Q, id, "owner").await().atMost(WAIT).done()).isTrue();
        ClaimedJob afterOwner = queue.claimOne("worker-a");
        assertThat(afterOwner.attempt()).isEqualTo(1);
        assertThat(queue.retry("worker-a", afterOwner, 0)).isTrue();
        assertThat(queue.failToDlq("worker-a", queue.claimOne("worker-a"))).isTrue();
        assertThat(jobs.replay(new Replay(Q, id, "system.health-check", "{}", "t", "w", "owner", 1))
                .await().atMost(WAIT)).isEqualTo(ReplayVerdict.REPLAYED);
        ClaimedJob afterReplay = queue.claimOne("worker-a");
        assertThat(afterReplay.attempt()).isEqualTo(1);
        assertThat(queue.retry("worker-a", afterReplay, 0)).isTrue();
        ClaimedJob last = queue.claimOne("worker-a");
        assertThat(last.attempt()).isEqualTo(2);
        assertThat(queue.complete("worker-a", last)).isTrue();
        var fields = redis.execute("XREVRANGE", K.deadStream(), "+", "-", "COUNT", "1").get(0).get(1);
        java.util.Map<String, String> record = new java.util.HashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            record.put(fields.get(i).toString(), fields.get(i + 1).toString());
        }
        assertThat(record).containsEntry("type", "dlq.job-succeeded").containsEntry("attemptsMade", "2");
        queue.assertInvariant();
    }

    @Test
    void missingAttemptsField() {
        String id = job(5);
        redis.hash(String.class).hdel(K.jobPrefix() + id, "attempts");
        ClaimedJob first = queue.claimOne("worker-a");
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(queue.job(id).attempts()).isEqualTo(1);
        String p = job(4);
        redis.hash(String.class).hdel(K.jobPrefix() + p, "attempts");
        assertThat(queue.claimOne("worker-a").attempt()).isEqualTo(1);
        queue.assertInvariant();
    }

    @Test
    void maxActiveWithRetryAtOnce() {
        limits.write(Q, new OwnerLimits(LimitOverride.followConfig(), LimitOverride.of(1))).await().atMost(WAIT);
        String a = job(5);
        String b = job(2);
        ClaimedJob first = queue.claimOne("worker-a");
        assertThat(first.jobId()).isEqualTo(b);
        assertThat(work.claim(Q, "worker-b", 5).await().atMost(WAIT)).isInstanceOf(ClaimResult.Limited.class);
        assertThat(queue.retry("worker-a", first, 0)).isTrue();
        queue.assertInvariant();
        assertThat(queue.counts()).containsEntry("waiting", "2").containsEntry("active", "0");
        List<ClaimedJob> next = queue.claim("worker-b", 5);
        assertThat(next).extracting(ClaimedJob::jobId).containsExactly(b);
        assertThat(next.getFirst().attempt()).isEqualTo(2);
        queue.assertInvariant();
        assertThat(a).isNotNull();
    }

    @Test
    void manyJobsInOneClaimAfterRetriesKeepTheirOwnAttempts() {
        List<String> ids = new ArrayList<>(queue.enqueue(3));
        ids.addAll(queue.enqueueAt(3, 3));
        List<ClaimedJob> first = queue.claim("worker-a", 6);
        for (int i = 0; i < first.size(); i += 2) {
            assertThat(queue.retry("worker-a", first.get(i), 0)).isTrue();
        }
        queue.assertInvariant();
        List<ClaimedJob> second = queue.claim("worker-b", 6);
        assertThat(second).hasSize(3).allSatisfy(j -> assertThat(j.attempt()).isEqualTo(2));
        for (String id : ids) {
            assertThat(queue.job(id).attempts()).isIn(1, 2);
        }
        queue.assertInvariant();
    }
}
