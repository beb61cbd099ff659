package io.streamq.core.lifecycle;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.job.CancelFilter;
import io.streamq.core.job.CancelVerdict;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.JobLogLine;
import io.streamq.core.job.ProgressReport;
import io.streamq.core.job.Replay;
import io.streamq.core.job.ReplayVerdict;
import io.streamq.core.pubsub.ChannelSubscription;
import io.streamq.core.store.JobControl;
import io.streamq.core.store.JobReports;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueAdmin;
import io.streamq.core.store.QueueMaintenance;
import io.streamq.core.store.WorkQueue;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.streamq.core.lifecycle.QueueFixture.K;
import static io.streamq.core.lifecycle.QueueFixture.Q;
import static io.streamq.core.lifecycle.Subscribers.until;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defects a cold review of issue 14 (follow and stop a job) reproduced against a real redis-server, kept as
 * regression tests: a replay must not revive a cancelled job, an earlier run's attempt must not write into the next
 * run's progress (attempt numbers repeat), a new attempt must not show the last one's progress, and a closed
 * subscription must stay closed. Each test states the behaviour that holds since the fix.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class JobControlReviewFindingsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    QueueFixture queue;

    @Inject
    JobControl control;

    @Inject
    JobReports reports;

    @Inject
    JobStore jobs;

    @Inject
    QueueAdmin admin;

    @Inject
    QueueMaintenance maintenance;

    @Inject
    WorkQueue work;

    @Inject
    RedisDataSource redis;

    @Inject
    ReactiveRedisDataSource reactive;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    // F1: replay.lua does not know the cancelled state.

    /**
     * A job that failed, was replayed once and then cancelled by its producer is replayed again from its DLQ record:
     * "cancelled is final" (cancel-jobs.lua), and replay.lua says only a failed (or removed) job is replayed. Today the
     * replay is taken, the job runs again, and its id stays in the cancelled index beside its waiting state.
     */
    @Test
    void f1_aCancelledJobIsNotRevivedByAReplayOfItsOldDlqRecord() {
        String id = deadJob();
        assertThat(replay(id, 1)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(control.cancel(id, "producer", CancelFilter.ANY).await().atMost(WAIT).cancelled()).isTrue();

        ReplayVerdict second = replay(id, 2);

        assertThat(queue.job(id).state()).as("state after a replay of a cancelled job (verdict %s)", second)
                .isEqualTo("cancelled");
        queue.assertInvariant();
    }

    /**
     * The consequence of F1: the revived job is waiting but still a member of q:{Q}:cancelled, so the cancelled
     * jobs' removal (cleanup-finished here; cancel-jobs' removal policy does the same) deletes the live job's hash and
     * payload, leaving its stream entry naming nothing and the waiting counter at 1 with no job behind it.
     */
    @Test
    void f1_aSweepOfCancelledJobsNeverDeletesALiveJob() {
        String id = deadJob();
        replay(id, 1);
        control.cancel(id, "producer", CancelFilter.ANY).await().atMost(WAIT);
        replay(id, 2);
        String stateAfterReplay = queue.job(id).state();

        maintenance.sweepFinished(Q, Duration.ZERO, 100).await().atMost(WAIT);

        if (!stateAfterReplay.equals("cancelled")) {
            assertThat(queue.exists(id)).as("the %s job %s after the sweep of cancelled jobs", stateAfterReplay, id)
                    .isTrue();
        }
        queue.assertInvariant();
    }

    // F2: report-progress tells attempts apart by number only, and attempt numbers repeat.

    /**
     * Worker A's attempt is handed back (shutdown with a handler that ignored its stop: Engine.handBackStuck), which
     * refunds the attempt; worker B claims the job and runs it as attempt 1 again. A's handler, still running until
     * its process exits, keeps reporting: its progress must not land on B's run.
     */
    @Test
    void f2_aHandedBackAttemptCannotWriteIntoTheNextRunOfTheSameNumber() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob a = queue.claimOne("worker-a");
        assertThat(work.handBack(Q, "worker-a", List.of(a.entryId())).await().atMost(WAIT).handedBack()).isEqualTo(1);
        ClaimedJob b = queue.claimOne("worker-b");
        assertThat(b.attempt()).as("B's attempt number").isEqualTo(a.attempt());
        assertThat(reports.report(b, "worker-b", "{\"percent\":10,\"data\":\"b\"}", List.of()).await().atMost(WAIT)
                .progressTaken()).isTrue();

        ProgressReport stale = reports.report(a, "worker-a", "{\"percent\":95,\"data\":\"a\"}",
                List.of(new JobLogLine(1, a.attempt(), "from worker a"))).await().atMost(WAIT);

        assertThat(stale).as("A's late report").isEqualTo(new ProgressReport(false, 0));
        assertThat(queue.job(id).progress()).isEqualTo("{\"percent\":10,\"data\":\"b\"}");
    }

    /**
     * Worker A's handler ignored its timeout, so the watchdog dead-lettered the job while the handler still runs
     * (JobProcessor.overdue). An owner retries the failed job (attempts back to 0) and worker B runs attempt 1 again.
     * A's still-running handler must not write its progress into B's attempt 1.
     */
    @Test
    void f2_anOverdueAttemptCannotWriteIntoTheRunAnOwnersRetryStarted() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob a = queue.claimOne("worker-a");
        assertThat(queue.failToDlq("worker-a", a)).isTrue();
        assertThat(admin.retry(Q, id, "owner").await().atMost(WAIT).done()).isTrue();
        ClaimedJob b = queue.claimOne("worker-b");
        assertThat(b.attempt()).as("B's attempt number").isEqualTo(a.attempt());

        ProgressReport stale = reports.report(a, "worker-a", "{\"percent\":95,\"data\":\"a\"}", List.of()).await().atMost(WAIT);

        assertThat(stale.progressTaken()).as("A's late progress taken into B's run").isFalse();
        assertThat(queue.job(id).progress()).isNull();
    }

    // F3: a new attempt shows the previous attempt's progress.

    /**
     * docs/architecture.md: `progress` is the latest JSON "the running attempt reported". After a retry the new attempt
     * has reported nothing, yet GET /v1/jobs/{id} shows the failed attempt's 90 % while it runs.
     */
    @Test
    void f3_aNewAttemptDoesNotShowTheProgressOfTheAttemptBefore() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob first = queue.claimOne("worker-a");
        reports.report(first, "worker-a", "{\"percent\":90}", List.of()).await().atMost(WAIT);
        assertThat(queue.retry("worker-a", first, 0)).isTrue();
        queue.promoteDue();
        ClaimedJob second = queue.claimOne("worker-b");
        assertThat(second.attempt()).isEqualTo(2);

        assertThat(queue.job(id).progress()).as("progress of attempt 2, which reported none").isNull();
    }

    // F4: ChannelSubscription's reconnect.

    /**
     * The subscription's connection is killed; ChannelSubscription subscribes again after its delay. Closing it while
     * that retry is pending must end it for good: the pending retry subscribes regardless of `stopped`, so a closed
     * subscription (a stopped worker's CancelRequests, a stopped gateway relay) comes back and keeps a Redis
     * connection and a listener alive.
     */
    @Test
    void f4_aSubscriptionClosedWhileItsRetryIsPendingStaysClosed() {
        AtomicInteger heard = new AtomicInteger();
        ChannelSubscription subscription = new ChannelSubscription(reactive, List.of(Channels.JOB_CANCEL_REQUESTS),
                (channel, message) -> heard.incrementAndGet(), Duration.ofMillis(500));
        subscription.start().await().atMost(WAIT);
        assertThat(subscribers()).isEqualTo(1);
        try {
            redis.execute("CLIENT", "KILL", "TYPE", "pubsub");
            until(() -> subscribers() == 0);
            subscription.close();
            QueueFixture.sleep(1_500);

            assertThat(subscribers()).as("subscriptions after close()").isZero();
            redis.execute("PUBLISH", Channels.JOB_CANCEL_REQUESTS, "{}");
            QueueFixture.sleep(200);
            assertThat(heard.get()).as("messages a closed subscription relayed").isZero();
        } finally {
            // A revived subscription of a closed ChannelSubscription ends for good when killed (it is stopped).
            redis.execute("CLIENT", "KILL", "TYPE", "pubsub");
        }
    }

    private long subscribers() {
        return Subscribers.of(redis, Channels.JOB_CANCEL_REQUESTS);
    }

    private String deadJob() {
        String id = queue.enqueue(1).getFirst();
        assertThat(queue.failToDlq("worker-a", queue.claimOne("worker-a"))).isTrue();
        return id;
    }

    private ReplayVerdict replay(String id, int replayCount) {
        return jobs.replay(new Replay(Q, id, "system.health-check", "{}", "t", "w", "owner", replayCount))
                .await().atMost(WAIT);
    }
}
