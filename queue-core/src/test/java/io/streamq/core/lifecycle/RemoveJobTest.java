package io.streamq.core.lifecycle;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.Replay;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueAdmin;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.streamq.core.lifecycle.QueueFixture.Q;
import static org.assertj.core.api.Assertions.assertThat;

/** Removing a waiting job deletes its one entry directly, wherever it sits in the stream. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class RemoveJobTest {

    @Inject
    QueueFixture queue;

    @Inject
    QueueAdmin admin;

    @Inject
    JobStore jobs;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void aWaitingJobEnqueuedAfterABurstIsRemovedWithItsEntry() {
        // More than 10,000 entries within the second before the job: where the old bounded scan gave up.
        for (int i = 0; i < 24; i++) {
            queue.enqueue(500);
        }
        String id = queue.enqueue(1).getFirst();

        assertThat(admin.remove(Q, id, "owner").await().indefinitely().done()).isTrue();

        queue.assertInvariant();
        // A replay brings the job back under its id; only its new entry may deliver it.
        jobs.replay(new Replay(Q, id, "system.health-check", "{}", "t", "w", "owner", 1)).await().indefinitely();
        List<ClaimedJob> all = queue.claim("worker-a", 500);
        while (!all.isEmpty() && all.stream().noneMatch(j -> j.jobId().equals(id))) {
            all = queue.claim("worker-a", 500);
        }
        assertThat(all.stream().filter(j -> j.jobId().equals(id))).hasSize(1);
        assertThat(queue.claim("worker-a", 500).stream().filter(j -> j.jobId().equals(id))).isEmpty();
        assertThat(queue.counts()).containsEntry("waiting", "0");
    }

    @Test
    void anActiveJobIsLeftToItsWorker() {
        String id = queue.enqueue(1).getFirst();
        queue.claimOne("worker-a");

        var outcome = admin.remove(Q, id, "owner").await().indefinitely();

        assertThat(outcome.done()).isFalse();
        assertThat(outcome.reason()).isEqualTo("state:active");
        queue.assertInvariant();
    }
}
