package io.streamq.core.lifecycle;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.redis.datasource.RedisDataSource;
import io.streamq.core.job.ClaimedJob;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.streamq.core.lifecycle.QueueFixture.K;
import static org.assertj.core.api.Assertions.assertThat;

/** Claim hands over only a waiting job's current entry; promote moves only delayed jobs. Strays change nothing. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ClaimAndPromoteTest {

    @Inject
    QueueFixture queue;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void aStrayEntryOfAWaitingJobIsDroppedAndTheJobHandedOverOnce() {
        String id = queue.enqueue(1).getFirst();
        queue.addStrayEntry(id);

        List<ClaimedJob> claimed = queue.claim("worker-a", 10);

        assertThat(claimed).extracting(ClaimedJob::jobId).containsExactly(id);
        assertThat(queue.counts()).containsEntry("waiting", "0").containsEntry("active", "1");
        queue.assertInvariant();
    }

    @Test
    void strayEntriesOfJobsThatAreNotWaitingAreDroppedUncounted() {
        String delayed = queue.enqueue(1, 60_000).getFirst();
        String finished = queue.enqueue(1).getFirst();
        assertThat(queue.complete("worker-a", queue.claimOne("worker-a"))).isTrue();
        String running = queue.enqueue(1).getFirst();
        queue.claimOne("worker-a");
        queue.addStrayEntry(delayed);
        queue.addStrayEntry(finished);
        queue.addStrayEntry(running);
        queue.addStrayEntry("system-999");

        assertThat(queue.claim("worker-b", 10)).isEmpty();

        assertThat(queue.job(delayed).state()).isEqualTo("delayed");
        assertThat(queue.job(finished).state()).isEqualTo("completed");
        assertThat(queue.job(running).attempts()).isEqualTo(1);
        assertThat(queue.counts()).containsEntry("waiting", "0").containsEntry("active", "1");
        queue.assertInvariant();
    }

    @Test
    void promoteMovesOnlyDelayedJobs() {
        String waiting = queue.enqueue(1).getFirst();
        String due = queue.enqueue(1, 1).getFirst();
        // An id left in the delayed index of a job that became waiting another way must not get a second entry.
        redis.sortedSet(String.class).zadd(K.delayed(), 0, waiting);
        QueueFixture.sleep(5);

        assertThat(queue.promoteDue()).isEqualTo(1);

        assertThat(queue.job(due).state()).isEqualTo("waiting");
        assertThat(queue.counts()).containsEntry("waiting", "2");
        queue.assertInvariant();
        assertThat(queue.claim("worker-a", 10)).extracting(ClaimedJob::jobId).containsExactlyInAnyOrder(waiting, due);
        queue.assertInvariant();
    }
}
