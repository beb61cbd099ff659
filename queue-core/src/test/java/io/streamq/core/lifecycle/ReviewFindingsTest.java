package io.streamq.core.lifecycle;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.Completion;
import io.streamq.core.job.EnqueuedJob;
import io.streamq.core.job.NewJob;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.job.Replay;
import io.streamq.core.job.ReplayVerdict;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueAdmin;
import io.streamq.core.store.QueueMaintenance;
import io.streamq.core.store.WorkQueue;
import io.streamq.core.testing.QueueInvariants;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.streamq.core.lifecycle.QueueFixture.K;
import static io.streamq.core.lifecycle.QueueFixture.Q;
import static io.streamq.core.lifecycle.QueueFixture.outlastVisibility;
import static io.streamq.core.lifecycle.QueueFixture.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Findings of a cold review of the lifecycle scripts, each reproduced against a real redis-server. Every test failed
 * on the scripts it was written against and guards against its defect since; each is named after the defect.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ReviewFindingsTest {

    /** Lua 5.1 in Redis refuses to unpack() 8,000 values or more ("too many results to unpack"). */
    private static final int BEYOND_UNPACK = 8_000;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    QueueFixture queue;

    @Inject
    WorkQueue work;

    @Inject
    JobStore jobs;

    @Inject
    QueueAdmin admin;

    @Inject
    QueueMaintenance maintenance;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    // --- Finding 1: replay cannot tell "succeeded, then its record was trimmed" from "failed, then trimmed" ---------

    @Test
    void aJobThatSucceededAfterAReplayIsReplayedAgainOnceTheRemovalPolicyDroppedItsRecord() {
        String id = queue.enqueue(1).getFirst();
        assertThat(queue.failToDlq("worker-a", queue.claimOne("worker-a"))).isTrue();
        assertThat(replay(id, 1)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(queue.complete("worker-a", queue.claimOne("worker-a"))).isTrue();
        // While the completed record is kept, the guard holds.
        assertThat(replay(id, 2)).isEqualTo(ReplayVerdict.SUCCEEDED);

        // The queue goes on: 1,000 more completions (the system queue keeps the last 1,000) trim the record, exactly
        // as complete.lua's removal policy (or cleanup-finished, or an owner's remove) does in production.
        queue.enqueue(1_000);
        for (int i = 0; i < 2; i++) {
            List<ClaimedJob> batch = queue.claim("worker-b", 500);
            work.complete(Q, "worker-b", batch.stream().map(j -> new Completion(j, 1, "{}")).toList())
                    .await().atMost(WAIT);
        }
        assertThat(queue.exists(id)).as("precondition: the removal policy dropped the succeeded job").isFalse();

        ReplayVerdict again = replay(id, 2);

        assertThat(again).as("a job that succeeded must not be replayed (it would run a second time)")
                .isNotEqualTo(ReplayVerdict.REPLAYED);
        assertThat(queue.claim("worker-c", 10)).extracting(ClaimedJob::jobId).doesNotContain(id);
    }

    // --- Finding 3: unpack() of a batch of 8,000 or more fails after the script wrote --------------------------------

    @Test
    void promotingABatchLuaCannotUnpackFailsAfterWritingAndWedgesPromotion() {
        queue.enqueue(BEYOND_UNPACK, 1);
        String later = queue.enqueue(1, 200).getFirst();
        sleep(400);

        Throwable first = catchThrowable(() -> work.promote(Q, BEYOND_UNPACK).await().atMost(WAIT));
        Throwable second = catchThrowable(() -> work.promote(Q, BEYOND_UNPACK).await().atMost(WAIT));

        SoftAssertions.assertSoftly(s -> {
            s.assertThat(first).as("first promote").isNull();
            s.assertThat(second).as("second promote").isNull();
            s.assertThat(queue.job(later).state()).as("a job due after the batch is promoted eventually")
                    .isEqualTo("waiting");
            s.assertThat(violations()).as("invariant after promote").isEmpty();
        });
    }

    @Test
    void purgingWithABatchLuaCannotUnpackDeletesJobsButKeepsTheirIdsAndNeverFinishes() {
        queue.enqueue(BEYOND_UNPACK, 60_000);

        Throwable first = catchThrowable(() -> admin.purgeBatch(Q, BEYOND_UNPACK, "owner").await().atMost(WAIT));
        Throwable second = catchThrowable(() -> admin.purgeBatch(Q, BEYOND_UNPACK, "owner").await().atMost(WAIT));

        SoftAssertions.assertSoftly(s -> {
            s.assertThat(first).as("first purge batch").isNull();
            s.assertThat(second).as("second purge batch").isNull();
            s.assertThat(redis.sortedSet(String.class).zcard(K.delayed())).as("delayed index after purge").isZero();
            s.assertThat(violations()).as("invariant after purge").isEmpty();
        });
    }

    @Test
    void completingABatchLuaCannotUnpackFailsAfterRecordingItAndDropsItsFactsEventsAndRemovalPolicy() {
        queue.enqueue(BEYOND_UNPACK);
        List<ClaimedJob> running = queue.claim("worker-a", BEYOND_UNPACK);
        assertThat(running).hasSize(BEYOND_UNPACK);

        Throwable error = catchThrowable(() -> work.complete(Q, "worker-a",
                running.stream().map(j -> new Completion(j, 1, "{}")).toList()).await().atMost(WAIT));

        SoftAssertions.assertSoftly(s -> {
            s.assertThat(error).as("complete of one batch").isNull();
            // The jobs, entries and counters were written before the failing LPUSH; what comes after it was not.
            s.assertThat(redis.list(String.class).llen(K.processingTimes())).as("processing times recorded")
                    .isEqualTo(1_000);
            s.assertThat(redis.sortedSet(String.class).zcard(K.completed()))
                    .as("the removal policy (keep last 1,000) ran: at most 1,000 dropped per call")
                    .isEqualTo(BEYOND_UNPACK - 1_000);
            s.assertThat(violations()).as("invariant after complete").isEmpty();
        });
    }

    @Test
    void extendingTheLeasesOfABatchLuaCannotUnpackFailsAndRenewsNone() {
        queue.enqueue(BEYOND_UNPACK);
        List<ClaimedJob> running = queue.claim("worker-a", BEYOND_UNPACK);

        Throwable error = catchThrowable(() -> work.extendLeases(Q, "worker-a", running).await().atMost(WAIT));

        assertThat(error).as("extend-lease of every job the consumer runs").isNull();
    }

    // --- Finding 4: a batch size of 0 is not "nothing" -------------------------------------------------------------

    @Test
    void claimWithMaxZeroHandsOverEveryWaitingJob() {
        queue.enqueue(600);

        List<ClaimedJob> claimed = queue.claim("worker-a", 0);

        assertThat(claimed).as("XREADGROUP COUNT 0 means no limit").isEmpty();
        queue.assertInvariant();
    }

    @Test
    void reclaimWithMaxZeroFailsWithALuaError() {
        queue.enqueue(1);
        queue.claimOne("worker-dead");
        outlastVisibility();

        Throwable error = catchThrowable(
                () -> work.reclaim(Q, "worker-b", 0, ReclaimBatch.START).await().atMost(WAIT));

        assertThat(error).as("#idle == limit == 0 indexes idle[0]").isNull();
    }

    @Test
    void purgeBatchOfZeroDeletesEveryDelayedCompletedAndFailedJobInOneCall() {
        queue.enqueue(50, 60_000);

        var batch = admin.purgeBatch(Q, 0, "owner").await().atMost(WAIT);

        assertThat(batch.delayed()).as("ZRANGE index 0 -1 is the whole index").isZero();
    }

    // --- Finding 5: refresh-counts' waiting = XLEN - pending is not the number of waiting jobs -----------------------

    @Test
    void refreshCountsCountsAStrayUndeliveredEntryAsAWaitingJob() {
        String done = queue.enqueue(1).getFirst();
        assertThat(queue.complete("worker-a", queue.claimOne("worker-a"))).isTrue();
        queue.addStrayEntry(done);

        maintenance.refreshCounts(Q).await().atMost(WAIT);
        // The next claim drops the stray uncounted, as the invariant says; the counter it inflated stays.
        assertThat(queue.claim("worker-a", 10)).isEmpty();

        queue.assertInvariant();
    }

    @Test
    void refreshCountsMissesAWaitingJobWhenAPendingEntryWasDeletedFromTheStream() {
        String done = queue.enqueue(1).getFirst();
        assertThat(queue.complete("worker-a", queue.claimOne("worker-a"))).isTrue();
        String stray = queue.addStrayEntry(done);
        queue.deliverRaw("worker-dead");
        // A removal of an older release deleted it without acknowledging it: Redis keeps it in the pending list.
        redis.execute("XDEL", K.stream(), stray);
        queue.enqueue(1);

        maintenance.refreshCounts(Q).await().atMost(WAIT);

        assertThat(queue.counts()).as("one job is waiting").containsEntry("waiting", "1");
    }

    // --- Finding 6: the idempotency key is <tenant>:<key>, and both may contain ':' ---------------------------------

    @Test
    void idempotencyKeysOfTwoTenantsCollideWhenATenantIdContainsAColon() {
        EnqueuedJob first = enqueueWithKey("acme", "x:1");
        EnqueuedJob second = enqueueWithKey("acme:x", "1");

        assertThat(second.duplicate()).as("another tenant's key").isFalse();
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    private EnqueuedJob enqueueWithKey(String tenant, String key) {
        return jobs.enqueue(List.of(new NewJob(JobType.SYSTEM_HEALTH_CHECK, "{}", tenant, "w", "a", key, 0)))
                .await().atMost(WAIT).getFirst();
    }

    private ReplayVerdict replay(String id, int replayCount) {
        return jobs.replay(new Replay(Q, id, "system.health-check", "{}", "t", "w", "owner", replayCount))
                .await().atMost(WAIT);
    }

    /** The invariant's violations, summarised: how many, and the first few. */
    private List<String> violations() {
        List<String> all = QueueInvariants.of(redis).violations(Q);
        if (all.size() <= 5) {
            return all;
        }
        return List.of(all.size() + " violations, e.g.", all.get(0), all.get(1), all.get(2), all.get(all.size() - 1));
    }
}
