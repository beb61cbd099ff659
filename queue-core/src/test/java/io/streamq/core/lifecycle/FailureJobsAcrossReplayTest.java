package io.streamq.core.lifecycle;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.JobError;
import io.streamq.core.job.Replay;
import io.streamq.core.job.ReplayVerdict;
import io.streamq.core.store.FailureReason;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueAdmin;
import io.streamq.core.store.QueueReader;
import io.streamq.core.store.WorkQueue;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    @Inject
    WorkQueue work;

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

    /**
     * A reason pushed out by 200 newer ones and seen again counts its jobs afresh: every job failing with it from
     * then on, also one that had failed with it before it was pushed out.
     */
    @Test
    void aReasonSeenAgainCountsEveryJobThatFailsWithItFromThenOn() {
        List<String> ids = queue.enqueue(3);
        ClaimedJob early = queue.claimOne("worker-a");
        ClaimedJob churn = queue.claimOne("worker-a");
        ClaimedJob late = queue.claimOne("worker-a");
        assertThat(List.of(early.jobId(), churn.jobId(), late.jobId())).containsExactlyElementsOf(ids);
        assertThat(fail(early, "boom", "upstream answered 500")).isTrue();
        // Every retry is due at once: each round promotes and claims the churning job (and, once, the early one).
        Map<String, ClaimedJob> held = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            assertThat(fail(churn, "churn", "reason " + i)).isTrue();
            queue.promoteDue();
            queue.claim("worker-a", 10).forEach(j -> held.put(j.jobId(), j));
            churn = held.get(churn.jobId());
        }
        assertThat(reasons()).extracting(FailureReason::code).doesNotContain("boom");

        assertThat(fail(late, "boom", "upstream answered 500")).isTrue();
        assertThat(fail(held.get(early.jobId()), "boom", "upstream answered 500")).isTrue();

        assertThat(reasons()).filteredOn(r -> r.code().equals("boom")).singleElement().satisfies(r -> {
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.jobs()).isEqualTo(2);
        });
    }

    private boolean fail(ClaimedJob job, String code, String message) {
        return work.retry(job, "worker-a", 0, 5, new JobError(code, "Boom", message, null)).await().indefinitely();
    }

    private String deadJob() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob job = queue.claimOne("worker-a");
        assertThat(queue.failToDlq("worker-a", job)).isTrue();
        return id;
    }

    private List<FailureReason> reasons() {
        return reader.failureReasons(Q, 200).await().indefinitely();
    }
}
