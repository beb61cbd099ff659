package io.streamq.monitor;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.JobType;
import io.streamq.core.schedule.MissedRuns;
import io.streamq.core.schedule.SaveOutcome;
import io.streamq.core.schedule.Schedule;
import io.streamq.core.schedule.ScheduleSpec;
import io.streamq.core.schedule.ScheduleStore;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule id is unique across queues even when two owners create it at once for job types of two queues. Found by the
 * review of issue 13: both creates could succeed, the second taking the first's id index entry for an orphan; the
 * first schedule then fired on its queue but no API call found or deleted it.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class ScheduleIdRaceTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    ScheduleStore store;

    @Test
    void twoCreatesOfOneIdOnTwoQueuesAtOnceSaveOneSchedule() {
        for (int round = 0; round < 50; round++) {
            String id = "race-" + round;
            List<SaveOutcome> outcomes = Uni.join().all(
                            store.create(spec(id, JobType.SYSTEM_REFRESH_STATS), Schedule.ORIGIN_API),
                            store.create(spec(id, JobType.ANALYTICS_AGGREGATE_DAILY), Schedule.ORIGIN_API))
                    .andFailFast().await().atMost(WAIT);
            try {
                assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder(SaveOutcome.SAVED,
                        SaveOutcome.EXISTS);
            } finally {
                store.delete(id).await().atMost(WAIT);
            }
        }
    }

    private static ScheduleSpec spec(String id, JobType type) {
        return new ScheduleSpec(id, type, "{}", null, null, 60_000L, null, null, null, MissedRuns.SKIP, true);
    }
}
