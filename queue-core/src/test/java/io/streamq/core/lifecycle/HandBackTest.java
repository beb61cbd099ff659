package io.streamq.core.lifecycle;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.HandBack;
import io.streamq.core.store.WorkQueue;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.streamq.core.lifecycle.QueueFixture.Q;
import static org.assertj.core.api.Assertions.assertThat;

/** A worker gives jobs back without spending their attempt, and only jobs it holds. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class HandBackTest {

    @Inject
    QueueFixture queue;

    @Inject
    WorkQueue work;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void handedBackJobsWaitAgainWithTheirAttemptRefunded() {
        queue.enqueue(2);
        List<ClaimedJob> mine = queue.claim("worker-a", 2);

        HandBack result = work.handBack(Q, "worker-a", mine.stream().map(ClaimedJob::entryId).toList())
                .await().indefinitely();

        assertThat(result).isEqualTo(new HandBack(2, 0));
        mine.forEach(j -> assertThat(queue.job(j.jobId()).state()).isEqualTo("waiting"));
        mine.forEach(j -> assertThat(queue.job(j.jobId()).attempts()).isZero());
        queue.assertInvariant();
        assertThat(queue.complete("worker-a", mine.getFirst())).isFalse();
        List<ClaimedJob> again = queue.claim("worker-b", 2);
        assertThat(again).extracting(ClaimedJob::attempt).containsOnly(1);
        queue.assertInvariant();
    }

    @Test
    void aLostClaimsJobsAreFoundAmongThePendingEntriesAndHandedBack() {
        queue.enqueue(3);
        List<ClaimedJob> running = queue.claim("worker-a", 1);
        // The answer of this claim never reached the worker.
        queue.claim("worker-a", 2);

        Set<String> pending = work.pendingEntries(Q, "worker-a", 100).await().indefinitely();
        pending.remove(running.getFirst().entryId());
        HandBack result = work.handBack(Q, "worker-a", pending).await().indefinitely();

        assertThat(result.handedBack()).isEqualTo(2);
        assertThat(queue.counts()).containsEntry("waiting", "2").containsEntry("active", "1");
        queue.assertInvariant();
    }

    @Test
    void anotherWorkersEntriesAreLeftAlone() {
        queue.enqueue(1);
        ClaimedJob theirs = queue.claimOne("worker-b");

        HandBack result = work.handBack(Q, "worker-a", List.of(theirs.entryId())).await().indefinitely();

        assertThat(result).isEqualTo(new HandBack(0, 0));
        assertThat(queue.job(theirs.jobId()).state()).isEqualTo("active");
        assertThat(queue.complete("worker-b", theirs)).isTrue();
        queue.assertInvariant();
    }

    @Test
    void aStaleEntryPendingForThisWorkerIsDropped() {
        String id = queue.enqueue(1).getFirst();
        String stray = queue.addStrayEntry(id);
        ClaimedJob current = queue.claimOne("worker-b");
        queue.deliverRaw("worker-a");

        HandBack result = work.handBack(Q, "worker-a", List.of(stray)).await().indefinitely();

        assertThat(result).isEqualTo(new HandBack(0, 1));
        assertThat(queue.job(id).state()).isEqualTo("active");
        queue.assertInvariant();
        assertThat(queue.complete("worker-b", current)).isTrue();
    }
}
