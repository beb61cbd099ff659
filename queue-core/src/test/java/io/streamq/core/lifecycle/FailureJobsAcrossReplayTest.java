package io.streamq.core.lifecycle;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.Replay;
import io.streamq.core.job.ReplayVerdict;
import io.streamq.core.store.FailureReason;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueAdmin;
import io.streamq.core.store.QueueReader;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.streamq.core.lifecycle.QueueFixture.Q;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure reason counts a job once however it comes back: a DLQ replay runs the same job (same id, "the DLQ sees
 * the same job"), like an owner's retry, so failing again with the same reason is one more attempt, not one more job.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class FailureJobsAcrossReplayTest {

    @Inject
    QueueFixture queue;

    @Inject
    JobStore jobs;

    @Inject
    QueueAdmin admin;

    @Inject
    QueueReader reader;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void aReplayedJobFailingAgainIsOneJobOfTwoAttempts() {
        String id = deadJob();
        assertThat(jobs.replay(new Replay(Q, id, "system.health-check", "{}", "t", "w", "owner", 1))
                .await().indefinitely()).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(queue.failToDlq("worker-a", queue.claimOne("worker-a"))).isTrue();

        assertThat(reasons()).singleElement().satisfies(r -> {
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.jobs()).isEqualTo(1);
        });
    }

    @Test
    void anOwnersRetryFailingAgainIsOneJobOfTwoAttempts() {
        String id = deadJob();
        assertThat(admin.retry(Q, id, "owner").await().indefinitely().done()).isTrue();
        assertThat(queue.failToDlq("worker-a", queue.claimOne("worker-a"))).isTrue();

        assertThat(reasons()).singleElement().satisfies(r -> {
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.jobs()).isEqualTo(1);
        });
    }

    private String deadJob() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob job = queue.claimOne("worker-a");
        assertThat(queue.failToDlq("worker-a", job)).isTrue();
        return id;
    }

    private List<FailureReason> reasons() {
        return reader.failureReasons(Q, 10).await().indefinitely();
    }
}
