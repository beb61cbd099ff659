package io.streamq.core.schedule;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.script.ScheduleCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review findings on the schedule scripts (issue 13), each an interleaving of an owner's change with a fire, spelled
 * out step by step against a real redis-server.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class Issue13ScheduleReviewTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
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
        Schedule read = store.find("capped").await().atMost(WAIT).orElseThrow();
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
        Schedule after = store.find("capped").await().atMost(WAIT).orElseThrow();
        assertThat(after.runs()).isEqualTo(1);
        assertThat(after.nextDueAt()).isNull();
    }
}
