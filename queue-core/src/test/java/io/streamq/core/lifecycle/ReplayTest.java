package io.streamq.core.lifecycle;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.Replay;
import io.streamq.core.job.ReplayVerdict;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueAdmin;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.streamq.core.lifecycle.QueueFixture.K;
import static io.streamq.core.lifecycle.QueueFixture.Q;
import static org.assertj.core.api.Assertions.assertThat;

/** A dead job is replayed once per failure: never while live, never after it succeeded. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ReplayTest {

    @Inject
    QueueFixture queue;

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
    void aJobReplayedToSuccessCannotBeReplayedAgain() {
        String id = deadJob();
        assertThat(replay(id, 1)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(replay(id, 2)).isEqualTo(ReplayVerdict.LIVE);
        queue.assertInvariant();
        assertThat(queue.complete("worker-a", queue.claimOne("worker-a"))).isTrue();

        assertThat(replay(id, 2)).isEqualTo(ReplayVerdict.SUCCEEDED);

        assertThat(queue.job(id).state()).isEqualTo("completed");
        assertThat(queue.counts()).containsEntry("waiting", "0").containsEntry("active", "0");
        assertThat(queue.claim("worker-a", 10)).isEmpty();
        queue.assertInvariant();
    }

    @Test
    void aSuccessAfterTheDlqIsHandedToItThroughTheDeadStream() {
        String id = deadJob();
        replay(id, 1);
        queue.complete("worker-a", queue.claimOne("worker-a"));

        List<Map<String, String>> records = redis.stream(String.class)
                .xrange(K.deadStream(), StreamRange.of("-", "+")).stream().map(StreamMessage::payload).toList();

        assertThat(records).extracting(r -> r.get("type")).containsExactly("dlq.record-failure", "dlq.job-succeeded");
        assertThat(records.get(1)).containsEntry("originalJobId", id).containsEntry("originalQueue", Q.wireName())
                .containsEntry("attemptsMade", "1");
    }

    @Test
    void anOwnersRetryThatSucceedsIsHandedToTheDlqToo() {
        String id = deadJob();
        assertThat(admin.retry(Q, id, "owner").await().indefinitely().done()).isTrue();
        queue.complete("worker-a", queue.claimOne("worker-a"));

        assertThat(replay(id, 1)).isEqualTo(ReplayVerdict.SUCCEEDED);
        assertThat(redis.stream(String.class).xrange(K.deadStream(), StreamRange.of("-", "+")))
                .extracting(m -> m.payload().get("type")).contains("dlq.job-succeeded");
    }

    @Test
    void aReplayTheJobAlreadyRanIsRefusedWhileTheDlqHasNotHeardOfIt() {
        String id = deadJob();
        assertThat(replay(id, 1)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(queue.failToDlq("worker-a", queue.claimOne("worker-a"))).isTrue();

        // The DLQ lost the mark of replay 1 and its entry still says 0 replays: it would number the next one 1 again.
        assertThat(replay(id, 1)).isEqualTo(ReplayVerdict.BEHIND);
        assertThat(queue.job(id).state()).isEqualTo("failed");
        queue.assertInvariant();
        assertThat(replay(id, 2)).isEqualTo(ReplayVerdict.REPLAYED);
    }

    @Test
    void aReplayLeavesTheJobInNoIndexThatCouldTrimIt() {
        String id = deadJob();

        assertThat(replay(id, 1)).isEqualTo(ReplayVerdict.REPLAYED);

        assertThat(redis.sortedSet(String.class).zscore(K.failed(), id)).isEmpty();
        assertThat(redis.sortedSet(String.class).zscore(K.completed(), id)).isEmpty();
        assertThat(redis.sortedSet(String.class).zscore(K.delayed(), id)).isEmpty();
        queue.assertInvariant();
    }

    @Test
    void aJobWhoseRecordRetentionRemovedIsReplayedFromTheDlqRecord() {
        String id = deadJob();
        admin.remove(Q, id, "retention").await().indefinitely();

        assertThat(replay(id, 1)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(queue.job(id).state()).isEqualTo("waiting");
        queue.assertInvariant();
    }

    private String deadJob() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob job = queue.claimOne("worker-a");
        assertThat(queue.failToDlq("worker-a", job)).isTrue();
        return id;
    }

    private ReplayVerdict replay(String id, int replayCount) {
        return jobs.replay(new Replay(Q, id, "system.health-check", "{}", "t", "w", "owner", replayCount))
                .await().indefinitely();
    }
}
