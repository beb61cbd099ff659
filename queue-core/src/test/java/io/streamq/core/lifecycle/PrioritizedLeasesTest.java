package io.streamq.core.lifecycle;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.HandBack;
import io.streamq.core.job.JobState;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.job.Replay;
import io.streamq.core.job.ReplayVerdict;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.ConsumerGroups;
import io.streamq.core.store.JobCursor;
import io.streamq.core.store.JobIdPage;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.PurgeBatch;
import io.streamq.core.store.QueueAdmin;
import io.streamq.core.store.QueueMaintenance;
import io.streamq.core.store.QueueReader;
import io.streamq.core.store.WorkQueue;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.streamq.core.lifecycle.QueueFixture.K;
import static io.streamq.core.lifecycle.QueueFixture.Q;
import static io.streamq.core.lifecycle.QueueFixture.outlastVisibility;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prioritized job's lease is an entry of the prioritized stream: every script that settles, renews, recovers or
 * hands back a lease, and every way back into waiting, keeps its priority and the invariant.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class PrioritizedLeasesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    QueueFixture queue;

    @Inject
    WorkQueue work;

    @Inject
    JobStore jobs;

    @Inject
    QueueAdmin admin;

    @Inject
    QueueReader reader;

    @Inject
    QueueMaintenance maintenance;

    @Inject
    ConsumerGroups groups;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    private String prioritizedJob(int priority) {
        String id = queue.enqueueAt(priority, 1).getFirst();
        queue.assertInvariant();
        return id;
    }

    private ClaimedJob claimPrioritized(String consumer, String id) {
        ClaimedJob job = queue.claimOne(consumer);
        assertThat(job.jobId()).isEqualTo(id);
        assertThat(job.entryId()).as("a lease of the prioritized stream").startsWith("0-");
        queue.assertInvariant();
        return job;
    }

    private boolean inPrioritizedSet(String id) {
        return redis.sortedSet(String.class).zscore(K.prioritized(), id).isPresent();
    }

    @Test
    void completeSettlesTheLeaseOfThePrioritizedStream() {
        String id = prioritizedJob(2);
        ClaimedJob job = claimPrioritized("worker-a", id);

        assertThat(queue.complete("worker-b", job)).as("another consumer").isFalse();
        assertThat(queue.complete("worker-a", job)).isTrue();

        assertThat(queue.job(id).state()).isEqualTo("completed");
        assertThat(redis.stream(String.class).xlen(K.prioritizedStream())).isZero();
        queue.assertInvariant();
    }

    @Test
    void aRetriedJobComesBackAtItsPriority() {
        String id = prioritizedJob(8);
        String normal = queue.enqueue(1).getFirst();
        ClaimedJob job = queue.claim("worker-a", 2).get(1);
        assertThat(job.jobId()).isEqualTo(id);

        assertThat(queue.retry("worker-a", job, 0)).isTrue();
        queue.assertInvariant();
        assertThat(queue.promoteDue()).as("no backoff: back in the set at once, not through delayed").isZero();

        assertThat(inPrioritizedSet(id)).isTrue();
        assertThat(queue.job(id).state()).isEqualTo("waiting");
        queue.assertInvariant();
        ClaimedJob again = claimPrioritized("worker-b", id);
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(queue.complete("worker-a", again)).as("the lease is worker-b's").isFalse();
        assertThat(queue.job(normal).state()).isEqualTo("active");
    }

    @Test
    void failToDlqAndDeferSettleThePrioritizedLease() {
        String failing = prioritizedJob(3);
        assertThat(queue.failToDlq("worker-a", claimPrioritized("worker-a", failing))).isTrue();
        assertThat(queue.job(failing).state()).isEqualTo("failed");
        queue.assertInvariant();

        String deferred = prioritizedJob(3);
        ClaimedJob job = claimPrioritized("worker-a", deferred);
        assertThat(work.defer(job, "worker-a", Duration.ofMinutes(1), "no-handler").await().atMost(WAIT)).isTrue();
        assertThat(queue.job(deferred).state()).isEqualTo("delayed");
        assertThat(queue.job(deferred).attempts()).isZero();
        queue.assertInvariant();
    }

    @Test
    void handBackPutsTheJobBackIntoThePrioritizedSetUnspent() {
        String id = prioritizedJob(4);
        ClaimedJob job = claimPrioritized("worker-a", id);
        Set<String> pending = work.pendingEntries(Q, "worker-a", 10).await().atMost(WAIT);
        assertThat(pending).containsExactly(job.entryId());

        HandBack back = work.handBack(Q, "worker-a", pending).await().atMost(WAIT);

        assertThat(back).isEqualTo(new HandBack(1, 0));
        assertThat(inPrioritizedSet(id)).isTrue();
        assertThat(queue.job(id).attempts()).isZero();
        queue.assertInvariant();
        assertThat(queue.complete("worker-a", job)).isFalse();
        ClaimedJob again = claimPrioritized("worker-b", id);
        assertThat(again.entryId()).isNotEqualTo(job.entryId());
    }

    @Test
    void aStalledPrioritizedJobIsReclaimedAndItsOldWorkerLosesTheLease() {
        String stalled = prioritizedJob(1);
        ClaimedJob dead = claimPrioritized("worker-dead", stalled);
        String normal = queue.enqueue(1).getFirst();
        ClaimedJob alsoDead = queue.claimOne("worker-dead");
        outlastVisibility();

        List<ClaimedJob> taken = new ArrayList<>();
        String cursor = ReclaimBatch.START;
        do {
            ReclaimBatch batch = work.reclaim(Q, "worker-b", 10, cursor).await().atMost(WAIT);
            taken.addAll(batch.jobs());
            cursor = batch.nextCursor();
        } while (!ReclaimBatch.START.equals(cursor));

        assertThat(taken).extracting(ClaimedJob::jobId).containsExactly(stalled, normal);
        assertThat(taken.getFirst().entryId()).isEqualTo(dead.entryId());
        assertThat(taken.getFirst().attempt()).isEqualTo(2);
        queue.assertInvariant();
        assertThat(work.extendLeases(Q, "worker-dead", List.of(dead, alsoDead)).await().atMost(WAIT)).isEmpty();
        assertThat(work.extendLeases(Q, "worker-b", taken).await().atMost(WAIT))
                .containsExactlyInAnyOrder(dead.entryId(), alsoDead.entryId());
        assertThat(queue.complete("worker-dead", dead)).isFalse();
        assertThat(queue.complete("worker-b", taken.getFirst())).isTrue();
        queue.assertInvariant();
    }

    @Test
    void aReclaimWalkStoppedInThePrioritizedListGoesOnToTheStream() {
        queue.enqueueAt(2, 3);
        queue.enqueue(2);
        queue.claim("worker-dead", 5);
        outlastVisibility();

        ReclaimBatch first = work.reclaim(Q, "worker-b", 2, ReclaimBatch.START).await().atMost(WAIT);
        assertThat(first.nextCursor()).startsWith("0-");
        ReclaimBatch second = work.reclaim(Q, "worker-b", 2, first.nextCursor()).await().atMost(WAIT);
        ReclaimBatch third = work.reclaim(Q, "worker-b", 2, second.nextCursor()).await().atMost(WAIT);

        assertThat(first.jobs().size() + second.jobs().size() + third.jobs().size()).isEqualTo(5);
        assertThat(third.nextCursor()).isEqualTo(ReclaimBatch.START);
        queue.assertInvariant();
    }

    @Test
    void reclaimOnAPausedQueueReturnsThePrioritizedJobToItsSet() {
        String id = prioritizedJob(7);
        claimPrioritized("worker-dead", id);
        jobs.setPaused(Q, true, "owner").await().atMost(WAIT);
        outlastVisibility();

        ReclaimBatch batch = work.reclaim(Q, "worker-b", 10, ReclaimBatch.START).await().atMost(WAIT);

        assertThat(batch.jobs()).isEmpty();
        assertThat(inPrioritizedSet(id)).isTrue();
        queue.assertInvariant();
    }

    @Test
    void removeAndPurgeTakeWaitingPrioritizedJobsOutOfTheSet() {
        String removed = prioritizedJob(9);
        String kept = prioritizedJob(9);
        assertThat(admin.remove(Q, removed, "owner").await().atMost(WAIT).done()).isTrue();
        assertThat(inPrioritizedSet(removed)).isFalse();
        assertThat(queue.counts()).containsEntry("waiting", "1");
        queue.assertInvariant();

        queue.enqueueAt(1, 3);
        queue.enqueue(2);
        ClaimedJob running = queue.claimOne("worker-a");
        PurgeBatch purged;
        do {
            purged = admin.purgeBatch(Q, 2, "owner").await().atMost(WAIT);
            queue.assertInvariant();
        } while (purged.more());

        assertThat(queue.exists(kept)).isFalse();
        assertThat(redis.sortedSet(String.class).zcard(K.prioritized())).isZero();
        assertThat(queue.counts()).containsEntry("waiting", "0").containsEntry("active", "1");
        assertThat(queue.complete("worker-a", running)).isTrue();
        queue.assertInvariant();
    }

    @Test
    void anOwnersRetryAndAReplayKeepThePriority() {
        String id = prioritizedJob(6);
        assertThat(queue.failToDlq("worker-a", claimPrioritized("worker-a", id))).isTrue();

        assertThat(admin.retry(Q, id, "owner").await().atMost(WAIT).done()).isTrue();
        assertThat(inPrioritizedSet(id)).isTrue();
        queue.assertInvariant();

        assertThat(queue.failToDlq("worker-a", claimPrioritized("worker-a", id))).isTrue();
        ReplayVerdict verdict = jobs.replay(new Replay(Q, id, "system.health-check", "{}", "t", "w", "owner", 1))
                .await().atMost(WAIT);
        assertThat(verdict).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(inPrioritizedSet(id)).isTrue();
        queue.assertInvariant();
    }

    @Test
    void waitingJobsAreListedInStartOrderAcrossPagesAndActiveOnesFromBothStreams() {
        List<String> low = queue.enqueueAt(8, 2);
        List<String> normal = queue.enqueueAt(5, 2);
        List<String> high = queue.enqueueAt(2, 2);

        List<String> listed = new ArrayList<>();
        String next = null;
        do {
            JobCursor from = next == null ? JobCursor.offset(0) : JobCursor.parse(JobState.WAITING, next).orElseThrow();
            JobIdPage page = reader.page(Q, JobState.WAITING, from, 2).await().atMost(WAIT);
            assertThat(page.total()).isEqualTo(6);
            listed.addAll(page.ids());
            next = page.next();
        } while (next != null);

        List<String> expected = new ArrayList<>(high);
        expected.addAll(normal);
        expected.addAll(low);
        assertThat(listed).containsExactlyElementsOf(expected);

        queue.claim("worker-a", 3);
        JobIdPage active = reader.page(Q, JobState.ACTIVE, JobCursor.offset(0), 10).await().atMost(WAIT);
        assertThat(active.ids()).containsExactly(high.get(0), high.get(1), normal.get(0));
        JobIdPage waiting = reader.page(Q, JobState.WAITING, JobCursor.offset(0), 10).await().atMost(WAIT);
        assertThat(waiting.ids()).containsExactly(normal.get(1), low.get(0), low.get(1));
    }

    @Test
    void consumersOfThePrioritizedStreamArePrunedToo() {
        queue.complete("worker-gone", claimPrioritized("worker-gone", prioritizedJob(2)));
        QueueFixture.sleep(300);

        int deleted = groups.pruneWorkers(Q, Duration.ofMillis(250)).await().atMost(WAIT);

        assertThat(deleted).isEqualTo(1);
        assertThat(redis.execute("XINFO", "CONSUMERS", K.prioritizedStream(), QueueKeys.CONSUMER_GROUP).size())
                .isZero();
    }

    @Test
    void refreshCountsCountsPrioritizedJobsAndLeases() {
        queue.enqueueAt(3, 2);
        queue.enqueue(1);
        queue.claim("worker-a", 2);
        redis.hash(String.class).hset(K.counts(), Map.of("waiting", "40", "active", "9"));

        QueueMaintenance.Recount recount = maintenance.refreshCounts(Q).await().atMost(WAIT);

        assertThat(recount.waitingAfter()).isEqualTo(1);
        assertThat(recount.activeAfter()).isEqualTo(2);
        assertThat(recount.strays()).isZero();
        queue.assertInvariant();
    }
}
