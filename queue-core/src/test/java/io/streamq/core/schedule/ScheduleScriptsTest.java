package io.streamq.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.keys.ScheduleKeys;
import io.streamq.core.script.ScheduleCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.streamq.core.testing.Published;
import io.streamq.core.testing.QueueInvariants;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule scripts against a real redis-server through {@link ScheduleStore}: a due time fires once whoever
 * fires it, a finished schedule leaves the index, the due time's idempotency key stops a second job, events go out.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class ScheduleScriptsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration MISSED_AFTER = Duration.ofSeconds(5);
    private static final QueueName Q = QueueName.SYSTEM;
    private static final QueueKeys K = QueueKeys.of(Q);

    @Inject
    ScheduleStore store;

    @Inject
    ScriptRunner scripts;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void reset() {
        redis.flushall();
    }

    private ScheduleSpec everySecond(String id, Integer maxRuns, MissedRuns missed) {
        return new ScheduleSpec(id, JobType.SYSTEM_HEALTH_CHECK, "{}", null, null, 1_000L, null, null, maxRuns,
                missed, true);
    }

    private Schedule create(ScheduleSpec spec) {
        assertThat(store.create(spec, Schedule.ORIGIN_API).await().atMost(WAIT)).isEqualTo(SaveOutcome.SAVED);
        return find(spec.id());
    }

    private Schedule find(String id) {
        return store.find(id).await().atMost(WAIT).orElseThrow();
    }

    /** Waits for the schedule to be due and answers its due batch entry and the Redis clock then. */
    private DueBatch dueBatch() {
        for (int i = 0; i < 50; i++) {
            DueBatch b = store.due(Q, 100).await().atMost(WAIT);
            if (!b.due().isEmpty()) {
                return b;
            }
            sleep(50);
        }
        throw new AssertionError("nothing came due");
    }

    private Fired fire(Schedule s, long due, long now) {
        return store.fire(s, FirePlan.of(s, due, now, MISSED_AFTER)).await().atMost(WAIT);
    }

    private long jobsCreated() {
        String seq = redis.value(String.class).get(K.sequence());
        return seq == null ? 0 : Long.parseLong(seq);
    }

    @Test
    void aDueTimeFiresOnceAndTheSecondCallerWithTheSameDueTimeChangesNothing() {
        Schedule s = create(everySecond("beat", null, MissedRuns.SKIP));
        DueBatch batch = dueBatch();
        long due = batch.due().getFirst().dueMs();
        assertThat(batch.due().getFirst().id()).isEqualTo("beat");
        assertThat(due).isEqualTo(s.nextDueAt());

        List<JsonNode> events;
        Fired first;
        try (Published published = Published.on(RedisTestResource.server(), Channels.JOB_EVENTS)) {
            Fired[] holder = new Fired[1];
            events = published.events(() -> holder[0] = fire(s, due, batch.nowMs()));
            first = holder[0];
        }
        Fired second = fire(s, due, batch.nowMs());

        assertThat(first.outcome()).isEqualTo(Fired.Outcome.FIRED);
        assertThat(first.runs()).isEqualTo(1);
        assertThat(second.outcome()).isEqualTo(Fired.Outcome.STALE);
        assertThat(jobsCreated()).isEqualTo(1);
        Map<String, String> job = redis.hash(String.class).hgetall(K.job(first.jobId()));
        assertThat(job).containsEntry("state", "waiting").containsEntry("name", "system.health-check")
                .containsEntry("idempotencyKey", ScheduleStore.dueKey("beat", due))
                .containsEntry("actor", "schedule:beat");
        Schedule after = find("beat");
        assertThat(after.runs()).isEqualTo(1);
        assertThat(after.lastRunAt()).isNotNull();
        assertThat(after.lastDueAt()).isEqualTo(due);
        assertThat(after.nextDueAt()).isEqualTo(due + 1_000);
        assertThat(redis.sortedSet(String.class).zscore(K.schedules(), "beat")).hasValue(due + 1_000.0);
        assertThat(events).extracting(e -> e.get("state").asText()).containsExactly("waiting", "fired");
        JsonNode fired = events.get(1);
        assertThat(fired.get("schedule").asText()).isEqualTo("beat");
        assertThat(fired.get("jobId").asText()).isEqualTo(first.jobId());
        assertThat(fired.get("dueAt").asLong()).isEqualTo(due);
        QueueInvariants.of(redis).assertHolds(Q);
    }

    @Test
    void aScheduleThatUsesUpMaxRunsLeavesTheIndex() {
        Schedule s = create(everySecond("once", 1, MissedRuns.SKIP));
        DueBatch batch = dueBatch();

        assertThat(fire(s, batch.due().getFirst().dueMs(), batch.nowMs()).outcome()).isEqualTo(Fired.Outcome.FIRED);

        assertThat(redis.sortedSet(String.class).zscore(K.schedules(), "once")).isEmpty();
        Schedule after = find("once");
        assertThat(after.nextDueAt()).isNull();
        assertThat(after.nextRuns(5)).isEmpty();
        assertThat(store.runNow(after).await().atMost(WAIT).outcome()).isEqualTo(Fired.Outcome.FINISHED);
        assertThat(jobsCreated()).isEqualTo(1);
    }

    @Test
    void aScheduleWhoseEndAtPassedLeavesTheIndex() {
        Schedule s = create(everySecond("ending", null, MissedRuns.SKIP));
        DueBatch batch = dueBatch();
        long due = batch.due().getFirst().dueMs();

        Fired fired = store.fire(s, new FirePlan(true, due, -1, 0)).await().atMost(WAIT);

        assertThat(fired.outcome()).isEqualTo(Fired.Outcome.FIRED);
        assertThat(redis.sortedSet(String.class).zscore(K.schedules(), "ending")).isEmpty();
        assertThat(find("ending").nextDueAt()).isNull();
    }

    @Test
    void theDueTimesIdempotencyKeyKeepsADueTimeThatComesRoundAgainFromEnqueuingTwice() {
        Schedule s = create(everySecond("again", null, MissedRuns.SKIP));
        DueBatch batch = dueBatch();
        long due = batch.due().getFirst().dueMs();
        Fired first = fire(s, due, batch.nowMs());

        // The index holds the same due time again (as a schedule moved back would): the key names the earlier job.
        redis.sortedSet(String.class).zadd(K.schedules(), due, "again");
        Fired second = fire(s, due, batch.nowMs());

        assertThat(second.outcome()).isEqualTo(Fired.Outcome.DUPLICATE);
        assertThat(second.jobId()).isEqualTo(first.jobId());
        assertThat(second.runs()).isEqualTo(1);
        assertThat(jobsCreated()).isEqualTo(1);
        assertThat(find("again").nextDueAt()).as("it still moves on").isEqualTo(due + 1_000);
    }

    @Test
    void missedTimesUnderSkipEnqueueNothingAndPublishWhatWasSkipped() {
        Schedule s = create(everySecond("late", null, MissedRuns.SKIP));
        DueBatch batch = dueBatch();
        long due = batch.due().getFirst().dueMs();
        long now = due + 7_500; // 7.5 s late with a 5 s threshold: 8 due times missed

        List<JsonNode> events;
        try (Published published = Published.on(RedisTestResource.server(), Channels.JOB_EVENTS)) {
            events = published.events(() -> assertThat(fire(s, due, now).outcome())
                    .isEqualTo(Fired.Outcome.SKIPPED));
        }

        assertThat(jobsCreated()).isZero();
        assertThat(find("late").nextDueAt()).isEqualTo(due + 8_000);
        assertThat(find("late").runs()).isZero();
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("state").asText()).isEqualTo("skipped");
        assertThat(events.getFirst().get("missed").asInt()).isEqualTo(8);
        assertThat(events.getFirst().get("dueAt").asLong()).isEqualTo(due);
    }

    @Test
    void runNowEnqueuesWithoutMovingTheDueTime() {
        Schedule s = create(everySecond("manual", null, MissedRuns.SKIP));

        Fired fired = store.runNow(s).await().atMost(WAIT);

        assertThat(fired.outcome()).isEqualTo(Fired.Outcome.FIRED);
        Schedule after = find("manual");
        assertThat(after.runs()).isEqualTo(1);
        assertThat(after.lastRunAt()).isNotNull();
        assertThat(after.nextDueAt()).isEqualTo(s.nextDueAt());
        assertThat(redis.hash(String.class).hget(K.job(fired.jobId()), "idempotencyKey"))
                .startsWith("~schedule:manual:now:");
        QueueInvariants.of(redis).assertHolds(Q);
    }

    @Test
    void idsAreUniqueAcrossQueuesAndAChangeStaysOnItsQueue() {
        create(everySecond("shared", null, MissedRuns.SKIP));
        ScheduleSpec elsewhere = new ScheduleSpec("shared", JobType.ANALYTICS_AGGREGATE_DAILY, "{}", "5 0 * * *",
                ZoneOffset.UTC, null, null, null, null, MissedRuns.SKIP, true);

        assertThat(store.create(elsewhere, Schedule.ORIGIN_API).await().atMost(WAIT)).isEqualTo(SaveOutcome.EXISTS);
        assertThat(store.change("shared", old -> elsewhere).await().atMost(WAIT)).isEqualTo(SaveOutcome.OTHER_QUEUE);
        assertThat(store.change("nope", old -> old).await().atMost(WAIT)).isEqualTo(SaveOutcome.MISSING);
        assertThat(redis.hash(String.class).hget(ScheduleKeys.ids(), "shared")).startsWith("system|");
    }

    @Test
    void pauseTakesTheScheduleOutOfTheIndexAndAFireReadBeforeItChangesNothing() {
        Schedule s = create(everySecond("pausable", null, MissedRuns.SKIP));
        DueBatch batch = dueBatch();

        assertThat(store.change("pausable", old -> old.withEnabled(false)).await().atMost(WAIT))
                .isEqualTo(SaveOutcome.SAVED);
        Fired late = fire(s, batch.due().getFirst().dueMs(), batch.nowMs());

        assertThat(late.outcome()).isEqualTo(Fired.Outcome.STALE);
        assertThat(redis.sortedSet(String.class).zscore(K.schedules(), "pausable")).isEmpty();
        Schedule paused = find("pausable");
        assertThat(paused.spec().enabled()).isFalse();
        assertThat(paused.version()).isEqualTo(s.version() + 1);
        assertThat(jobsCreated()).isZero();

        assertThat(store.change("pausable", old -> old.withEnabled(true)).await().atMost(WAIT))
                .isEqualTo(SaveOutcome.SAVED);
        assertThat(find("pausable").nextDueAt()).isGreaterThan(batch.nowMs());
    }

    @Test
    void deleteRemovesTheScheduleTheIndexEntryAndTheIdAndKeepsItsJobs() {
        Schedule s = create(everySecond("gone", null, MissedRuns.SKIP));
        Fired fired = store.runNow(s).await().atMost(WAIT);

        assertThat(store.delete("gone").await().atMost(WAIT)).isTrue();

        assertThat(store.find("gone").await().atMost(WAIT)).isEmpty();
        assertThat(redis.sortedSet(String.class).zscore(K.schedules(), "gone")).isEmpty();
        assertThat(redis.hash(String.class).hget(ScheduleKeys.ids(), "gone")).isNull();
        assertThat(redis.hash(String.class).hget(K.job(fired.jobId()), "state")).isEqualTo("waiting");
        assertThat(store.delete("gone").await().atMost(WAIT)).isFalse();
        assertThat(store.list().await().atMost(WAIT)).isEmpty();
    }

    @Test
    void anIdWhoseScheduleIsGoneIsTakenOverByTheNextCreate() {
        // A create that died between its two steps: the id is indexed, the schedule was never written.
        redis.hash(String.class).hset(ScheduleKeys.ids(), "orphan", "analytics");

        assertThat(store.find("orphan").await().atMost(WAIT)).isEmpty();
        create(everySecond("orphan", null, MissedRuns.SKIP));

        assertThat(find("orphan").spec().queue()).isEqualTo(Q);
        assertThat(store.list().await().atMost(WAIT)).extracting(x -> x.spec().id()).containsExactly("orphan");
    }

    @Test
    void aYoungIdEntryWithoutItsScheduleYetIsNotTakenOver() {
        // Another queue's create has just taken the id and is still writing its schedule.
        long nowMicros = store.now().await().atMost(WAIT) * 1000;
        redis.hash(String.class).hset(ScheduleKeys.ids(), "young", "analytics|" + nowMicros);

        assertThat(store.create(everySecond("young", null, MissedRuns.SKIP), Schedule.ORIGIN_API).await()
                .atMost(WAIT)).isEqualTo(SaveOutcome.EXISTS);
        assertThat(redis.hash(String.class).hget(ScheduleKeys.ids(), "young")).isEqualTo("analytics|" + nowMicros);
    }

    /**
     * A fire does not raise the version, so a change that read the schedule before a fire used up maxRuns still
     * passes the compare-and-set. Its next due time was computed from the runs it read: the save must not put the
     * used-up schedule back into the due index, where every turn of every replica would find it due and fire-schedule
     * would answer 'finished' forever, changing nothing (and holding one of the turn's due slots).
     */
    @Test
    void aChangeReadBeforeAFireUsedUpMaxRunsDoesNotPutTheScheduleBackIntoTheDueIndex() {
        ScheduleSpec spec = new ScheduleSpec("capped", JobType.SYSTEM_HEALTH_CHECK, "{}", null, null, 1_000L, null,
                null, 1, MissedRuns.SKIP, true);
        assertThat(store.create(spec, Schedule.ORIGIN_API).await().atMost(WAIT)).isEqualTo(SaveOutcome.SAVED);
        // The owner's change reads the schedule (runs 0 of 1) ...
        Schedule read = find("capped");
        long now = store.now().await().atMost(WAIT);
        Long nextDue = Schedule.nextDueOf(spec, read.anchorAt(), read.runs(), read.lastDueAt(), now);
        assertThat(nextDue).as("the change plans a next due time from what it read").isNotNull();

        // ... a run-now (or a due fire) uses up maxRuns meanwhile and takes the schedule out of the index ...
        assertThat(store.runNow(read).await().atMost(WAIT).outcome()).isEqualTo(Fired.Outcome.FIRED);
        assertThat(redis.sortedSet(String.class).zscore(K.schedules(), "capped")).isEmpty();

        // ... and the change saves what ScheduleStore.change saves, on the version it read (still current).
        ScriptCall save = ScriptCall.of(ScheduleCommands.SAVE_SCHEDULE)
                .key("schedule", K.schedule("capped")).key("schedule index", K.schedules())
                .arg("id", "capped").arg("mode", "replace").arg("expected version", Long.toString(read.version()))
                .arg("next due ms", nextDue);
        ScheduleHash.fields(spec, read.origin(), read.anchorAt(), read.createdAt(), now)
                .forEach((field, value) -> save.arg("field", field).arg("value", value));
        assertThat(scripts.run(save).await().atMost(WAIT).get(0).toString()).isEqualTo("saved");

        assertThat(redis.sortedSet(String.class).zscore(K.schedules(), "capped"))
                .as("a used-up schedule stays out of the due index").isEmpty();
        Schedule after = find("capped");
        assertThat(after.runs()).isEqualTo(1);
        assertThat(after.nextDueAt()).isNull();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
