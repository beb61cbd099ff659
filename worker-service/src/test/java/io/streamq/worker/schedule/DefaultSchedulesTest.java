package io.streamq.worker.schedule;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamq.core.contract.JobType;
import io.streamq.core.schedule.MissedRuns;
import io.streamq.core.schedule.SaveOutcome;
import io.streamq.core.schedule.Schedule;
import io.streamq.core.schedule.ScheduleSpec;
import io.streamq.core.schedule.ScheduleStore;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configured default schedules: installed when absent with origin config, left alone when present, and a
 * switched-off one removed only if the configuration installed it.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@TestProfile(DefaultSchedulesTest.RefreshStatsOff.class)
class DefaultSchedulesTest {

    /** system-refresh-stats switched off; the loop stays off so the test runs the installation by hand. */
    public static class RefreshStatsOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streamq.schedules.defaults.system-refresh-stats.enabled", "false");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    DefaultSchedules defaults;

    @Inject
    ScheduleStore store;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void reset() {
        redis.flushall();
    }

    private ScheduleSpec refreshStats() {
        return new ScheduleSpec("system-refresh-stats", JobType.SYSTEM_REFRESH_STATS, "{}", null, null, 60_000L, null,
                null, null, MissedRuns.SKIP, true);
    }

    private Schedule find(String id) {
        return store.find(id).await().atMost(WAIT).orElseThrow(() -> new AssertionError("no schedule " + id));
    }

    @Test
    void theEnabledDefaultsAreInstalledOnceAndTheSwitchedOffOneIsRemovedIfTheConfigurationInstalledIt() {
        assertThat(store.create(refreshStats(), Schedule.ORIGIN_CONFIG).await().atMost(WAIT))
                .isEqualTo(SaveOutcome.SAVED);

        defaults.install();

        assertThat(store.find("system-refresh-stats").await().atMost(WAIT)).isEmpty();
        Schedule cleanup = find("system-cleanup");
        assertThat(cleanup.origin()).isEqualTo(Schedule.ORIGIN_CONFIG);
        assertThat(cleanup.spec().cron()).isEqualTo("0 * * * *");
        assertThat(cleanup.spec().payloadJson()).isEqualTo("{\"olderThanHours\":24}");
        assertThat(cleanup.spec().missedRuns()).isEqualTo(MissedRuns.RUN_ONCE);
        Schedule daily = find("analytics-aggregate-daily");
        assertThat(daily.nextDueAt() % 86_400_000).as("00:05 UTC").isEqualTo(300_000);

        // An owner paused it: the next start leaves it as it is.
        store.change("system-cleanup", s -> s.withEnabled(false)).await().atMost(WAIT);
        defaults.install();
        assertThat(find("system-cleanup").spec().enabled()).isFalse();
    }

    @Test
    void aScheduleAnOwnerMadeUnderADefaultsIdIsNotRemoved() {
        store.create(refreshStats(), Schedule.ORIGIN_API).await().atMost(WAIT);

        defaults.install();

        assertThat(find("system-refresh-stats").origin()).isEqualTo(Schedule.ORIGIN_API);
    }
}
