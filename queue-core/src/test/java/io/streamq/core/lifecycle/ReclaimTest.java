package io.streamq.core.lifecycle;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.WorkQueue;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.streamq.core.lifecycle.QueueFixture.Q;
import static io.streamq.core.lifecycle.QueueFixture.outlastVisibility;
import static io.streamq.core.lifecycle.QueueFixture.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/** Recovery takes over only a silent worker's current attempts, reaches them behind long pending lists, and pauses. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ReclaimTest {

    @Inject
    QueueFixture queue;

    @Inject
    WorkQueue work;

    @Inject
    JobStore jobs;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void aStaleEntryIsDroppedNotHandedOverWhileItsJobRunsElsewhere() {
        String id = queue.enqueue(1).getFirst();
        // A stray entry naming the job reaches a worker of old that then dies with it pending.
        String stray = queue.addStrayEntry(id);
        ClaimedJob current = queue.claimOne("worker-b");
        assertThat(current.entryId()).isNotEqualTo(stray);
        queue.deliverRaw("worker-dead");
        outlastVisibility();
        work.extendLeases(Q, "worker-b", List.of(current)).await().indefinitely();

        ReclaimBatch taken = work.reclaim(Q, "worker-c", 10, ReclaimBatch.START).await().indefinitely();

        assertThat(taken.jobs()).isEmpty();
        assertThat(queue.job(id).attempts()).isEqualTo(1);
        assertThat(queue.job(id).state()).isEqualTo("active");
        queue.assertInvariant();
        assertThat(queue.complete("worker-b", current)).isTrue();
        queue.assertInvariant();
    }

    @Test
    void twoEntriesOfOneJobInOneBatchCountOneAttempt() {
        String id = queue.enqueue(1).getFirst();
        queue.addStrayEntry(id);
        ClaimedJob current = queue.claimOne("worker-dead");
        queue.deliverRaw("worker-dead");
        outlastVisibility();

        List<ClaimedJob> taken = work.reclaim(Q, "worker-c", 10, ReclaimBatch.START).await().indefinitely().jobs();

        assertThat(taken).extracting(ClaimedJob::entryId).containsExactly(current.entryId());
        assertThat(taken.getFirst().attempt()).isEqualTo(2);
        assertThat(queue.job(id).attempts()).isEqualTo(2);
        queue.assertInvariant();
    }

    @Test
    void aDeadWorkersJobsAreReachedBehindALongListOfLiveOnes() {
        queue.enqueue(40);
        List<ClaimedJob> live = queue.claim("worker-live", 40);
        queue.enqueue(3);
        List<ClaimedJob> dead = queue.claim("worker-dead", 3);
        outlastVisibility();
        work.extendLeases(Q, "worker-live", live).await().indefinitely();

        // A busy worker has one free slot per tick; it must still get to the dead worker's jobs.
        List<String> recovered = new ArrayList<>();
        String cursor = ReclaimBatch.START;
        for (int tick = 0; tick < 4 && recovered.size() < 3; tick++) {
            ReclaimBatch batch = work.reclaim(Q, "worker-busy", 1, cursor).await().indefinitely();
            batch.jobs().forEach(j -> recovered.add(j.jobId()));
            cursor = batch.nextCursor();
        }

        assertThat(recovered).containsExactlyInAnyOrderElementsOf(dead.stream().map(ClaimedJob::jobId).toList());
        queue.assertInvariant();
    }

    @Test
    void onAPausedQueueAStalledJobGoesBackToWaitingInsteadOfRunning() {
        String id = queue.enqueue(1).getFirst();
        queue.claimOne("worker-dead");
        jobs.setPaused(Q, true, "owner").await().indefinitely();
        outlastVisibility();

        ReclaimBatch taken = work.reclaim(Q, "worker-c", 10, ReclaimBatch.START).await().indefinitely();

        assertThat(taken.jobs()).isEmpty();
        assertThat(queue.job(id).state()).isEqualTo("waiting");
        assertThat(queue.counts()).containsEntry("total:stalled", "1");
        queue.assertInvariant();
        assertThat(queue.claim("worker-c", 1)).isEmpty();

        jobs.setPaused(Q, false, "owner").await().indefinitely();
        ClaimedJob again = queue.claimOne("worker-c");
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(queue.complete("worker-c", again)).isTrue();
        queue.assertInvariant();
    }

    @Test
    void aWorkerDoesNotTakeOverItsOwnJobs() {
        queue.enqueue(1);
        ClaimedJob mine = queue.claimOne("worker-a");
        outlastVisibility();

        // Taking its own entry would give one lease to two attempts of the same worker.
        assertThat(work.reclaim(Q, "worker-a", 10, ReclaimBatch.START).await().indefinitely().jobs()).isEmpty();
        assertThat(queue.complete("worker-a", mine)).isTrue();
        queue.assertInvariant();
    }

    @Test
    void aLiveWorkersJobsAreNotTaken() {
        queue.enqueue(2);
        List<ClaimedJob> running = queue.claim("worker-a", 2);
        sleep(300);

        assertThat(work.reclaim(Q, "worker-b", 10, ReclaimBatch.START).await().indefinitely().jobs()).isEmpty();
        running.forEach(j -> assertThat(queue.complete("worker-a", j)).isTrue());
        queue.assertInvariant();
    }
}
