package io.streamq.core.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.job.CancelFilter;
import io.streamq.core.job.CancelVerdict;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.JobLogLine;
import io.streamq.core.job.JobState;
import io.streamq.core.job.NewJob;
import io.streamq.core.job.ProgressReport;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.contract.JobType;
import io.streamq.core.store.JobControl;
import io.streamq.core.store.JobReports;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueAdmin;
import io.streamq.core.store.WorkQueue;
import io.streamq.core.testing.Published;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static io.streamq.core.lifecycle.QueueFixture.K;
import static io.streamq.core.lifecycle.QueueFixture.Q;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * cancel-jobs, report-progress and watch-job against a real redis-server: what each changes, what it refuses, and
 * what it publishes on which channel.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class JobControlTest {
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
    RedisDataSource redis;

    @Inject
    WorkQueue work;

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @Test
    void cancellingAnActiveJobTellsItsWorkerAndRefusesEveryLaterOutcome() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob job = queue.claimOne("worker-a");
        List<JsonNode> requests;
        try (Published onRequests = Published.on(RedisTestResource.server(), Channels.JOB_CANCEL_REQUESTS)) {
            requests = onRequests.messages(() -> cancel(id, CancelFilter.ANY));
        }

        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.get("queue").asText()).isEqualTo(Q.wireName());
            assertThat(r.get("jobId").asText()).isEqualTo(id);
            assertThat(r.get("worker").asText()).isEqualTo("worker-a");
            assertThat(r.get("entry").asText()).isEqualTo(job.entryId());
        });
        assertThat(queue.complete("worker-a", job)).isFalse();
        assertThat(queue.retry("worker-a", job, 0)).isFalse();
        assertThat(queue.failToDlq("worker-a", job)).isFalse();
        assertThat(queue.job(id).state()).isEqualTo("cancelled");
        assertThat(queue.counts()).containsEntry("active", "0").containsEntry("total:cancelled", "1");
        queue.assertInvariant();
    }

    @Test
    void aFinishedOrUnknownJobIsAnsweredAsSuchAndLeftAlone() {
        String done = queue.enqueue(1).getFirst();
        queue.complete("worker-a", queue.claimOne("worker-a"));
        String twice = queue.enqueue(1).getFirst();
        cancel(twice, CancelFilter.ANY);

        List<CancelVerdict> verdicts = control.cancel(Q, List.of(done, twice, "system-999999"), "owner",
                CancelFilter.ANY).await().atMost(WAIT);

        assertThat(verdicts).containsExactly(
                new CancelVerdict(done, CancelVerdict.Verdict.FINISHED, "completed"),
                new CancelVerdict(twice, CancelVerdict.Verdict.FINISHED, "cancelled"),
                new CancelVerdict("system-999999", CancelVerdict.Verdict.NOT_FOUND, ""));
        assertThat(queue.exists("system-999999")).as("nothing written for an unknown id").isFalse();
        assertThat(queue.counts()).containsEntry("total:cancelled", "1");
        queue.assertInvariant();
    }

    @Test
    void aFilterSkipsJobsOfAnotherTypeOrTenantAndCancelsTheRest() {
        List<String> ours = enqueueFor("tenant-a", 2);
        List<String> theirs = enqueueFor("tenant-b", 2);
        List<String> all = List.of(ours.get(0), theirs.get(0), ours.get(1), theirs.get(1));

        List<CancelVerdict> verdicts = control.cancel(Q, all, "tenant-a", CancelFilter.tenant("tenant-a"))
                .await().atMost(WAIT);
        List<CancelVerdict> otherType = control.cancel(Q, theirs, "owner",
                new CancelFilter(JobType.SYSTEM_CLEANUP.wireName(), null)).await().atMost(WAIT);

        assertThat(verdicts).extracting(CancelVerdict::verdict).containsExactly(CancelVerdict.Verdict.CANCELLED,
                CancelVerdict.Verdict.SKIPPED, CancelVerdict.Verdict.CANCELLED, CancelVerdict.Verdict.SKIPPED);
        assertThat(otherType).extracting(CancelVerdict::verdict).containsOnly(CancelVerdict.Verdict.SKIPPED);
        assertThat(theirs).allSatisfy(id -> assertThat(queue.job(id).state()).isEqualTo("waiting"));
        assertThat(queue.counts()).containsEntry("waiting", "2");
        queue.assertInvariant();
    }

    @Test
    void aWatchedJobIsPublishedWhenItFinishesAndAnUnwatchedOneIsNot() {
        String watched = queue.enqueue(1).getFirst();
        String quiet = queue.enqueue(1).getFirst();
        assertThat(control.watch(watched).await().atMost(WAIT)).contains(JobState.WAITING);
        assertThat(control.watch("system-424242").await().atMost(WAIT)).isEmpty();
        assertThat(queue.exists("system-424242")).isFalse();

        List<JsonNode> finished;
        try (Published onFinished = Published.on(RedisTestResource.server(), Channels.JOB_FINISHED)) {
            finished = onFinished.messages(() -> {
                List<ClaimedJob> both = queue.claim("worker-a", 2);
                both.forEach(j -> queue.complete("worker-a", j));
            });
        }

        assertThat(finished).singleElement().satisfies(m -> {
            assertThat(m.get("queue").asText()).isEqualTo(Q.wireName());
            assertThat(m.get("jobs")).singleElement().satisfies(j -> {
                assertThat(j.get("jobId").asText()).isEqualTo(watched);
                assertThat(j.get("state").asText()).isEqualTo("completed");
            });
        });
        assertThat(quiet).isNotEqualTo(watched);
    }

    @Test
    void failedAndCancelledWatchedJobsArePublishedToo() {
        String failing = queue.enqueue(1).getFirst();
        String cancelled = queue.enqueue(1).getFirst();
        control.watch(failing).await().atMost(WAIT);
        control.watch(cancelled).await().atMost(WAIT);

        List<JsonNode> finished;
        try (Published onFinished = Published.on(RedisTestResource.server(), Channels.JOB_FINISHED)) {
            finished = onFinished.messages(() -> {
                queue.failToDlq("worker-a", queue.claimOne("worker-a"));
                cancel(cancelled, CancelFilter.ANY);
            });
        }

        assertThat(finished).extracting(m -> m.get("jobs").get(0).get("state").asText())
                .containsExactly("failed", "cancelled");
    }

    @Test
    void progressIsTakenOnlyFromTheAttemptRunningTheJobAndPublishedInOrder() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob first = queue.claimOne("worker-a");
        QueueFixture.outlastVisibility();
        ClaimedJob second = work.reclaim(Q, "worker-b", 10, ReclaimBatch.START)
                .await().atMost(WAIT).jobs().getFirst();

        List<JsonNode> events;
        try (Published onEvents = Published.on(RedisTestResource.server(), Channels.JOB_EVENTS)) {
            events = onEvents.events(() -> {
                assertThat(report("worker-a", first, "{\"percent\":90}", List.of())).isEqualTo(new ProgressReport(false, 0));
                assertThat(report("worker-b", second, "{\"percent\":10,\"data\":{\"steps\":[]}}", List.of()))
                        .isEqualTo(new ProgressReport(true, 0));
                assertThat(report("worker-b", second, "{\"percent\":20}", List.of())).isEqualTo(new ProgressReport(true, 0));
            });
        }

        assertThat(events).extracting(e -> e.get("progress").toString())
                .containsExactly("{\"percent\":10,\"data\":{\"steps\":[]}}", "{\"percent\":20}");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("state").asText()).isEqualTo("progress");
            assertThat(e.get("jobId").asText()).isEqualTo(id);
            assertThat(e.get("attempt").asInt()).isEqualTo(2);
        });
        assertThat(jobs.find(id).await().atMost(WAIT).orElseThrow().progress()).isEqualTo("{\"percent\":20}");
    }

    @Test
    void logsKeepTheNewestLinesTakeTheCancelledAttemptsLastOnesAndGoWithTheJob() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob job = queue.claimOne("worker-a");
        List<JobLogLine> many = IntStream.range(0, JobReports.MAX_LINES + 50)
                .mapToObj(i -> new JobLogLine(1_000 + i, 1, "line " + i)).toList();

        assertThat(report("worker-a", job, null, many).linesAppended()).isEqualTo(many.size());
        cancel(id, CancelFilter.ANY);
        assertThat(report("worker-a", job, "{\"percent\":99}", List.of(new JobLogLine(5_000, 1, "stopped"))))
                .as("a cancelled job takes its last lines, not progress").isEqualTo(new ProgressReport(false, 1));

        List<JobLogLine> kept = reports.logs(id).await().atMost(WAIT);
        assertThat(kept).hasSize(JobReports.MAX_LINES);
        assertThat(kept.getFirst().line()).isEqualTo("line 51");
        assertThat(kept.getLast()).isEqualTo(new JobLogLine(5_000, 1, "stopped"));

        assertThat(admin.remove(Q, id, "owner").await().atMost(WAIT).done()).isTrue();
        assertThat(redis.key().exists(K.logs(id))).as("the log goes with its job").isFalse();
        assertThat(report("worker-a", job, null, List.of(new JobLogLine(6_000, 1, "late")))).isEqualTo(new ProgressReport(false, 0));
        assertThat(redis.key().exists(K.logs(id))).as("no log is made for a job that is gone").isFalse();
        queue.assertInvariant();
    }

    private CancelVerdict cancel(String id, CancelFilter filter) {
        return control.cancel(id, "owner", filter).await().atMost(WAIT);
    }

    private ProgressReport report(String consumer, ClaimedJob job, String progress, List<JobLogLine> lines) {
        return reports.report(job, consumer, progress, lines).await().atMost(WAIT);
    }

    private List<String> enqueueFor(String tenant, int n) {
        return jobs.enqueue(IntStream.range(0, n).mapToObj(i -> new NewJob(JobType.SYSTEM_HEALTH_CHECK, "{}", tenant,
                "w", "a", null, 0)).toList()).await().atMost(WAIT).stream().map(e -> e.id()).toList();
    }
}
