package io.streamq.core.lifecycle;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.job.Replay;
import io.streamq.core.job.ReplayVerdict;
import io.streamq.core.schedule.FirePlan;
import io.streamq.core.schedule.Fired;
import io.streamq.core.schedule.MissedRuns;
import io.streamq.core.schedule.SaveOutcome;
import io.streamq.core.schedule.Schedule;
import io.streamq.core.schedule.ScheduleSpec;
import io.streamq.core.schedule.ScheduleStore;
import io.streamq.core.store.DlqEntry;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqReplayMark;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.DlqSuccess;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.PurgeBatch;
import io.streamq.core.store.JobControl;
import io.streamq.core.job.CancelFilter;
import io.streamq.core.job.CancelVerdict;
import io.streamq.core.store.QueueAdmin;
import io.streamq.core.store.WorkQueue;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.streamq.core.lifecycle.QueueFixture.K;
import static io.streamq.core.lifecycle.QueueFixture.Q;
import static io.streamq.core.lifecycle.QueueFixture.outlastVisibility;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every edge of the state machine table in docs/architecture.md against a real redis-server, through the
 * store the services use, checking the invariant after each walk. The rows are read from the page itself: a row
 * that names a transition no walk here covers fails, and so does a walk whose row is gone or was reworded.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class StateMachineTableTest {

    private static final Path PAGE = Path.of("..", "docs", "architecture.md");
    private static final String TABLE_HEADER = "| script | from → to | notes |";
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** One row of the table: its script cell and its from → to cell, as written. */
    record Row(String script, String edges) {
        @Override
        public String toString() {
            return script + ": " + edges;
        }
    }

    @Inject
    QueueFixture queue;

    @Inject
    WorkQueue work;

    @Inject
    JobStore jobs;

    @Inject
    QueueAdmin admin;

    @Inject
    DlqStore dlq;

    @Inject
    RedisDataSource redis;

    @Inject
    ScheduleStore schedules;

    @Inject
    JobControl control;

    private final Map<Row, Runnable> walks = Map.ofEntries(
            Map.entry(new Row("`enqueue.lua`", "new → waiting / delayed"), this::enqueue),
            Map.entry(new Row("`claim.lua`", "waiting → active"), this::claim),
            Map.entry(new Row("`complete.lua`", "active → completed"), this::complete),
            Map.entry(new Row("`retry.lua`", "active → delayed, or → waiting with no backoff"), this::retry),
            Map.entry(new Row("`fail-to-dlq.lua`", "active → failed + dead stream"), this::failToDlq),
            Map.entry(new Row("`defer.lua`", "active → delayed"), this::defer),
            Map.entry(new Row("`promote.lua`", "delayed → waiting"), this::promote),
            Map.entry(new Row("`reclaim.lua`", "active → active (other worker), or → waiting on a paused queue"),
                    this::reclaim),
            Map.entry(new Row("`hand-back.lua`", "active → waiting"), this::handBack),
            Map.entry(new Row("`replay.lua`", "failed / removed → waiting"), this::replay),
            Map.entry(new Row("`retry-job.lua`", "failed → waiting"), this::retryJob),
            Map.entry(new Row("`remove-job.lua`", "any but active → gone"), this::removeJob),
            Map.entry(new Row("`purge-queue-batch.lua`", "all but active → gone"), this::purge),
            Map.entry(new Row("`dlq-*.lua`", "DLQ entry transitions"), this::dlqEntry),
            Map.entry(new Row("`fire-schedule.lua`", "new → waiting"), this::fireSchedule),
            Map.entry(new Row("`cancel-jobs.lua`", "waiting / delayed / active → cancelled"), this::cancel));

    @BeforeEach
    void reset() {
        queue.reset();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitionRows")
    void everyRowOfTheTableIsWalked(Row row) {
        Runnable walk = walks.get(row);
        assertThat(walk).as("a walk for the row \"%s\" of %s", row, PAGE).isNotNull();

        walk.run();

        queue.assertInvariant();
    }

    @Test
    void everyWalkStillHasItsRow() {
        assertThat(transitionRows()).containsAll(walks.keySet());
    }

    /** The rows whose from → to names a transition; those that change no job's state say "—". */
    static List<Row> transitionRows() {
        List<String> lines;
        try {
            lines = Files.readAllLines(PAGE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int header = lines.indexOf(TABLE_HEADER);
        assertThat(header).as("the state machine table of %s", PAGE).isNotNegative();
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            Row row = new Row(cells[1].strip(), cells[2].strip());
            if (!row.edges().startsWith("—")) {
                rows.add(row);
            }
        }
        return rows;
    }

    private void enqueue() {
        String waiting = queue.enqueue(1).getFirst();
        String delayed = queue.enqueue(1, 60_000).getFirst();

        assertThat(queue.job(waiting).state()).isEqualTo("waiting");
        assertThat(queue.job(delayed).state()).isEqualTo("delayed");
    }

    private void fireSchedule() {
        ScheduleSpec spec = new ScheduleSpec("walk", JobType.SYSTEM_HEALTH_CHECK, "{}", null, null, 1_000L, null, null,
                null, MissedRuns.SKIP, true);
        assertThat(schedules.create(spec, Schedule.ORIGIN_API).await().atMost(WAIT)).isEqualTo(SaveOutcome.SAVED);
        Schedule schedule = schedules.find("walk").await().atMost(WAIT).orElseThrow();

        Fired fired = schedules.fire(schedule, new FirePlan(true, schedule.nextDueAt(), schedule.nextDueAt() + 1_000,
                0)).await().atMost(WAIT);

        assertThat(fired.outcome()).isEqualTo(Fired.Outcome.FIRED);
        assertThat(queue.job(fired.jobId()).state()).isEqualTo("waiting");
    }

    private void claim() {
        String id = queue.enqueue(1).getFirst();

        ClaimedJob job = queue.claimOne("worker-a");

        assertThat(job.jobId()).isEqualTo(id);
        assertThat(queue.job(id).state()).isEqualTo("active");
        assertThat(queue.job(id).attempts()).isEqualTo(1);
    }

    private void complete() {
        String id = queue.enqueue(1).getFirst();

        assertThat(queue.complete("worker-a", queue.claimOne("worker-a"))).isTrue();

        assertThat(queue.job(id).state()).isEqualTo("completed");
    }

    private void retry() {
        String id = queue.enqueue(1).getFirst();

        assertThat(queue.retry("worker-a", queue.claimOne("worker-a"), 60_000)).isTrue();

        assertThat(queue.job(id).state()).isEqualTo("delayed");
        assertThat(queue.job(id).attempts()).isEqualTo(1);
        assertThat(queue.counts()).containsEntry("total:retried", "1");

        String again = queue.enqueue(1).getFirst();
        assertThat(queue.retry("worker-a", queue.claimOne("worker-a"), 0)).isTrue();
        assertThat(queue.job(again).state()).as("no backoff: waiting at once").isEqualTo("waiting");
        assertThat(queue.claimOne("worker-b").jobId()).as("claimable without the promote loop").isEqualTo(again);
    }

    private void failToDlq() {
        String id = deadJob();

        assertThat(queue.job(id).state()).isEqualTo("failed");
        assertThat(deadRecord(id)).containsEntry("type", "dlq.record-failure").containsEntry("errorCode", "boom");
    }

    private void defer() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob job = queue.claimOne("worker-a");

        assertThat(work.defer(job, "worker-a", Duration.ofMinutes(1), "no-handler").await().atMost(WAIT)).isTrue();

        assertThat(queue.job(id).state()).isEqualTo("delayed");
        assertThat(queue.job(id).attempts()).as("the attempt is refunded").isZero();
    }

    private void promote() {
        String id = queue.enqueue(1).getFirst();
        queue.retry("worker-a", queue.claimOne("worker-a"), 1);
        assertThat(queue.job(id).state()).isEqualTo("delayed");

        // Due one millisecond later by the Redis clock: promote until it is.
        long deadline = System.nanoTime() + WAIT.toNanos();
        int promoted = 0;
        while (promoted == 0 && System.nanoTime() < deadline) {
            promoted = queue.promoteDue();
        }
        assertThat(promoted).isEqualTo(1);

        assertThat(queue.job(id).state()).isEqualTo("waiting");
    }

    private void reclaim() {
        String takenOver = queue.enqueue(1).getFirst();
        ClaimedJob lost = queue.claimOne("worker-a");
        outlastVisibility();

        List<ClaimedJob> taken = work.reclaim(Q, "worker-b", 10, ReclaimBatch.START).await().atMost(WAIT).jobs();

        assertThat(taken).extracting(ClaimedJob::jobId).containsExactly(takenOver);
        assertThat(taken.getFirst().attempt()).isEqualTo(2);
        assertThat(queue.job(takenOver).state()).isEqualTo("active");
        assertThat(queue.complete("worker-a", lost)).as("the silent worker lost its lease").isFalse();
        assertThat(queue.complete("worker-b", taken.getFirst())).isTrue();

        String onPaused = queue.enqueue(1).getFirst();
        queue.claimOne("worker-a");
        jobs.setPaused(Q, true, "owner").await().atMost(WAIT);
        outlastVisibility();

        assertThat(work.reclaim(Q, "worker-b", 10, ReclaimBatch.START).await().atMost(WAIT).jobs()).isEmpty();
        assertThat(queue.job(onPaused).state()).isEqualTo("waiting");
    }

    private void handBack() {
        String id = queue.enqueue(1).getFirst();
        ClaimedJob job = queue.claimOne("worker-a");

        assertThat(work.handBack(Q, "worker-a", List.of(job.entryId())).await().atMost(WAIT).handedBack())
                .isEqualTo(1);

        assertThat(queue.job(id).state()).isEqualTo("waiting");
        assertThat(queue.job(id).attempts()).as("the attempt is refunded").isZero();
    }

    private void replay() {
        String failed = deadJob();
        assertThat(replay(failed)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(queue.job(failed).state()).isEqualTo("waiting");
        assertThat(queue.job(failed).attempts()).as("a fresh attempt budget").isZero();

        queue.reset();
        String removed = deadJob();
        assertThat(admin.remove(Q, removed, "retention").await().atMost(WAIT).done()).isTrue();
        assertThat(replay(removed)).isEqualTo(ReplayVerdict.REPLAYED);
        assertThat(queue.job(removed).state()).isEqualTo("waiting");
    }

    private void retryJob() {
        String id = deadJob();

        assertThat(admin.retry(Q, id, "owner").await().atMost(WAIT).done()).isTrue();

        assertThat(queue.job(id).state()).isEqualTo("waiting");
        assertThat(queue.job(id).attempts()).isZero();
    }

    private void removeJob() {
        String active = active();
        for (String id : oneJobInEachStateButActive()) {
            assertThat(admin.remove(Q, id, "owner").await().atMost(WAIT).done()).as(id).isTrue();
            assertThat(queue.exists(id)).as(id).isFalse();
        }
        assertThat(admin.remove(Q, active, "owner").await().atMost(WAIT).reason()).isEqualTo("state:active");
        assertThat(queue.job(active).state()).isEqualTo("active");
    }

    private void purge() {
        String active = active();
        List<String> others = oneJobInEachStateButActive();

        PurgeBatch purged = admin.purgeBatch(Q, 100, "owner").await().atMost(WAIT);

        assertThat(purged).isEqualTo(new PurgeBatch(1, 1, 1, 1, 0, false));
        assertThat(others).noneMatch(queue::exists);
        assertThat(queue.job(active).state()).isEqualTo("active");
    }

    private void cancel() {
        String activeId = queue.enqueue(1).getFirst();
        ClaimedJob held = queue.claimOne("worker-a");
        String waiting = queue.enqueue(1).getFirst();
        String delayed = queue.enqueue(1, 60_000).getFirst();

        List<CancelVerdict> verdicts = control.cancel(Q, List.of(waiting, delayed, activeId), "owner",
                CancelFilter.ANY).await().atMost(WAIT);

        assertThat(verdicts).extracting(CancelVerdict::state).containsExactly("waiting", "delayed", "active");
        assertThat(verdicts).extracting(CancelVerdict::verdict).containsOnly(CancelVerdict.Verdict.CANCELLED);
        assertThat(List.of(waiting, delayed, activeId)).allSatisfy(id ->
                assertThat(queue.job(id).state()).isEqualTo("cancelled"));
        assertThat(queue.complete("worker-a", held)).as("an outcome after the cancel is refused").isFalse();
        assertThat(queue.job(activeId).state()).isEqualTo("cancelled");
        assertThat(queue.counts()).containsEntry("total:cancelled", "3").containsEntry("active", "0")
                .containsEntry("waiting", "0");
    }

    /** A failed job's record goes from the dead stream into the DLQ, is replayed, succeeds, and is deleted. */
    private void dlqEntry() {
        String id = deadJob();
        Map<String, String> r = deadRecord(id);
        DlqRecord record = new DlqRecord(r.get("originalQueue"), id, r.get("originalJobName"), r.get("errorName"),
                r.get("errorMessage"), r.get("errorStack"), r.get("errorCode"), Long.parseLong(r.get("firstFailedAt")),
                Long.parseLong(r.get("lastFailedAt")), Integer.parseInt(r.get("attemptsMade")), r.get("payload"),
                r.get("tenantId"), r.get("workspaceId"), r.get("actorId"), 0, r.get("errorMessage"));

        assertThat(dlq.insert(List.of(record), 0, Duration.ofHours(50)).await().atMost(WAIT).statuses())
                .containsExactly("added");
        assertThat(dlqEntry(id)).hasValueSatisfying(e -> assertThat(e.errorCode()).isEqualTo("boom"));

        assertThat(dlq.markReplayed(id, "owner", 1, 5).await().atMost(WAIT)).isEqualTo(new DlqReplayMark.Marked(1));
        assertThat(dlq.markSucceeded(List.of(new DlqSuccess(Q.wireName(), id, record.originalJobName(),
                record.lastFailedAt() + 1, 1))).await().atMost(WAIT)).containsExactly("succeeded");
        assertThat(dlqEntry(id)).hasValueSatisfying(e -> assertThat(e.replaySucceededAt()).isNotNull());

        assertThat(dlq.delete(List.of(id), "owner").await().atMost(WAIT)).containsExactly(true);
        assertThat(dlqEntry(id)).isEmpty();
    }

    /** A job worker-a holds. */
    private String active() {
        String id = queue.enqueue(1).getFirst();
        queue.claimOne("worker-a");
        return id;
    }

    /** Waiting, delayed, completed and failed jobs, claimed by worker-b so a job of worker-a may stay active. */
    private List<String> oneJobInEachStateButActive() {
        String completed = queue.enqueue(1).getFirst();
        queue.complete("worker-b", queue.claimOne("worker-b"));
        String failed = queue.enqueue(1).getFirst();
        queue.failToDlq("worker-b", queue.claimOne("worker-b"));
        String waiting = queue.enqueue(1).getFirst();
        String delayed = queue.enqueue(1, 60_000).getFirst();
        List<String> ids = List.of(waiting, delayed, completed, failed);
        assertThat(ids).extracting(id -> queue.job(id).state())
                .containsExactly("waiting", "delayed", "completed", "failed");
        return ids;
    }

    private String deadJob() {
        String id = queue.enqueue(1).getFirst();
        assertThat(queue.failToDlq("worker-a", queue.claimOne("worker-a"))).isTrue();
        return id;
    }

    private Map<String, String> deadRecord(String id) {
        return redis.stream(String.class).xrange(K.deadStream(), StreamRange.of("-", "+")).stream()
                .map(m -> m.payload()).filter(p -> id.equals(p.get("originalJobId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no dead record of " + id));
    }

    private ReplayVerdict replay(String id) {
        return jobs.replay(new Replay(Q, id, "system.health-check", "{}", "t", "w", "owner", 1)).await().atMost(WAIT);
    }

    private Optional<DlqEntry> dlqEntry(String id) {
        return dlq.find(id).await().atMost(WAIT);
    }
}
