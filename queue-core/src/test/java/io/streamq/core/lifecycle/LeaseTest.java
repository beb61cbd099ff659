package io.streamq.core.lifecycle;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.store.WorkQueue;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.streamq.core.lifecycle.QueueFixture.Q;
import static io.streamq.core.lifecycle.QueueFixture.outlastVisibility;
import static io.streamq.core.lifecycle.QueueFixture.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/** The lease is (worker, entry): extended for every held job, and only the current attempt records an outcome. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class LeaseTest {

    @Inject
    QueueFixture queue;

    @Inject
    WorkQueue work;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void extendingRenewsEveryJobAWorkerRuns() {
        queue.enqueue(3);
        List<ClaimedJob> running = queue.claim("worker-a", 3);
        assertThat(running).hasSize(3);

        // Three jobs that outlive the visibility timeout, extended at a third of it as the worker does.
        for (int i = 0; i < 4; i++) {
            sleep(170);
            assertThat(work.extendLeases(Q, "worker-a", running).await().atMost(Duration.ofSeconds(5)))
                    .containsExactlyInAnyOrderElementsOf(running.stream().map(ClaimedJob::entryId).toList());
        }
        ReclaimBatch taken = work.reclaim(Q, "worker-b", 10, ReclaimBatch.START).await().indefinitely();

        assertThat(taken.jobs()).isEmpty();
        running.forEach(job -> assertThat(queue.complete("worker-a", job)).isTrue());
        running.forEach(job -> assertThat(queue.job(job.jobId()).attempts()).isEqualTo(1));
        queue.assertInvariant();
    }

    @Test
    void aJobTakenOverIsNoLongerExtendedByItsFormerWorker() {
        queue.enqueue(2);
        List<ClaimedJob> running = queue.claim("worker-a", 2);
        outlastVisibility();
        List<ClaimedJob> taken = work.reclaim(Q, "worker-b", 1, ReclaimBatch.START).await().indefinitely().jobs();
        assertThat(taken).hasSize(1);

        var held = work.extendLeases(Q, "worker-a", running).await().indefinitely();

        ClaimedJob kept = running.stream().filter(j -> !j.jobId().equals(taken.getFirst().jobId())).findFirst()
                .orElseThrow();
        assertThat(held).containsExactly(kept.entryId());
        queue.assertInvariant();
    }

    @Test
    void anEarlierAttemptCannotRecordTheOutcomeOfTheCurrentOne() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob first = queue.claimOne("worker-a");
        // Attempt 1 timed out and was retried at once (no backoff); the same worker claimed attempt 2 under a new
        // entry, while attempt 1's handler was still running.
        assertThat(queue.retry("worker-a", first, 0)).isTrue();
        ClaimedJob second = queue.claimOne("worker-a");
        assertThat(second.entryId()).isNotEqualTo(first.entryId());

        assertThat(queue.complete("worker-a", first)).isFalse();
        assertThat(queue.retry("worker-a", first, 0)).isFalse();
        assertThat(queue.failToDlq("worker-a", first)).isFalse();
        assertThat(work.extendLeases(Q, "worker-a", List.of(first)).await().indefinitely()).isEmpty();
        assertThat(queue.job(id).state()).isEqualTo("active");
        queue.assertInvariant();

        assertThat(queue.complete("worker-a", second)).isTrue();
        assertThat(queue.job(id).attempts()).isEqualTo(2);
        queue.assertInvariant();
    }
}
