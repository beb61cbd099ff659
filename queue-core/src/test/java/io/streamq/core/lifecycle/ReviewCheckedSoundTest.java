package io.streamq.core.lifecycle;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.HandBack;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.job.Replay;
import io.streamq.core.job.ReplayVerdict;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.PurgeBatch;
import io.streamq.core.store.QueueAdmin;
import io.streamq.core.store.WorkQueue;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.streamq.core.lifecycle.QueueFixture.K;
import static io.streamq.core.lifecycle.QueueFixture.Q;
import static io.streamq.core.lifecycle.QueueFixture.outlastVisibility;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suspicions of the review that turned out sound on Redis 7.0: these pass, and guard the behaviour they checked.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ReviewCheckedSoundTest {

    @Inject
    QueueFixture queue;

    @Inject
    WorkQueue work;

    @Inject
    JobStore jobs;

    @Inject
    QueueAdmin admin;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void reclaimDropsAPendingEntryThatWasDeletedFromTheStream() {
        String done = queue.enqueue(1).getFirst();
        assertThat(queue.complete("worker-a", queue.claimOne("worker-a"))).isTrue();
        String stray = queue.addStrayEntry(done);
        queue.deliverRaw("worker-dead");
        redis.execute("XDEL", K.stream(), stray);
        String live = queue.enqueue(1).getFirst();
        outlastVisibility();

        ReclaimBatch batch = work.reclaim(Q, "worker-b", 10, ReclaimBatch.START).await().indefinitely();

        // Redis 7.0: XCLAIM skips an entry deleted from the stream and removes it from the pending list.
        assertThat(batch.jobs()).isEmpty();
        assertThat(redis.execute("XPENDING", K.stream(), QueueKeys.CONSUMER_GROUP).get(0).toLong()).isZero();
        queue.assertInvariant();
        assertThat(queue.claim("worker-b", 10)).extracting(ClaimedJob::jobId).containsExactly(live);
        queue.assertInvariant();
    }

    @Test
    void handBackDropsAPendingEntryThatWasDeletedFromTheStream() {
        String done = queue.enqueue(1).getFirst();
        assertThat(queue.complete("worker-a", queue.claimOne("worker-a"))).isTrue();
        String stray = queue.addStrayEntry(done);
        queue.deliverRaw("worker-a");
        redis.execute("XDEL", K.stream(), stray);

        HandBack result = work.handBack(Q, "worker-a", List.of(stray)).await().indefinitely();

        assertThat(result).isEqualTo(new HandBack(0, 1));
        queue.assertInvariant();
    }

    @Test
    void aPurgeLeavesRunningJobsToRecordTheirOutcome() {
        queue.enqueue(3);
        List<ClaimedJob> running = queue.claim("worker-a", 2);
        queue.enqueue(2, 60_000);
        PurgeBatch batch;
        do {
            batch = admin.purgeBatch(Q, 1, "owner").await().indefinitely();
        } while (batch.more());

        queue.assertInvariant();
        assertThat(queue.complete("worker-a", running.get(0))).isTrue();
        assertThat(queue.retry("worker-a", running.get(1), 0)).isTrue();
        queue.assertInvariant();
        assertThat(queue.claim("worker-b", 10)).extracting(ClaimedJob::jobId).containsExactly(running.get(1).jobId());
        queue.assertInvariant();
    }

    @Test
    void ownerActionsLeaveALiveJobToItsWorker() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob job = queue.claimOne("worker-a");

        assertThat(admin.remove(Q, id, "owner").await().indefinitely().done()).isFalse();
        assertThat(admin.retry(Q, id, "owner").await().indefinitely().done()).isFalse();
        assertThat(jobs.replay(new Replay(Q, id, "system.health-check", "{}", "t", "w", "owner", 1))
                .await().indefinitely()).isEqualTo(ReplayVerdict.LIVE);
        queue.assertInvariant();
        assertThat(queue.complete("worker-a", job)).isTrue();
        queue.assertInvariant();
    }

    @Test
    void aRemovedWaitingJobsEntryIsNeverDelivered() {
        String id = queue.enqueue(2).getFirst();

        assertThat(admin.remove(Q, id, "owner").await().indefinitely().done()).isTrue();

        assertThat(queue.claim("worker-a", 10)).extracting(ClaimedJob::jobId).doesNotContain(id).hasSize(1);
        queue.assertInvariant();
    }
}
