package io.streamq.core.schedule;

import io.streamq.core.contract.JobType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When schedules fire: cron in a zone across daylight-saving changes, everyMs, startAt, endAt, maxRuns, missed runs. */
class ScheduleTimingTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static ScheduleSpec cron(String cron, ZoneId zone, Long startAt, Long endAt, Integer maxRuns) {
        return new ScheduleSpec("t", JobType.SYSTEM_HEALTH_CHECK, "{}", cron, zone, null, startAt, endAt, maxRuns,
                MissedRuns.SKIP, true);
    }

    static ScheduleSpec every(long everyMs, Long startAt, Long endAt, MissedRuns missed) {
        return new ScheduleSpec("t", JobType.SYSTEM_HEALTH_CHECK, "{}", null, null, everyMs, startAt, endAt, null,
                missed, true);
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static List<String> instants(List<Long> times) {
        return times.stream().map(t -> Instant.ofEpochMilli(t).toString()).toList();
    }

    @Test
    void aDailyCronInNewYorkSkipsTheHourThatDoesNotExistInMarchAndFiresOnceInNovember() {
        ScheduleTiming timing = ScheduleTiming.of(cron("30 2 * * *", NEW_YORK, null, null, null), 0);

        // 2026-03-08 02:00 EST jumps to 03:00 EDT: 02:30 does not exist that day, so that day has no run; the
        // cron keeps 02:30 local, which is 07:30Z before the change and 06:30Z after.
        assertThat(instants(timing.next(at("2026-03-06T00:00:00Z"), 4))).containsExactly(
                "2026-03-06T07:30:00Z", "2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z");
        // 2026-11-01 02:00 EDT falls back to 01:00 EST: 02:30 comes once, in EST.
        assertThat(instants(timing.next(at("2026-10-30T12:00:00Z"), 3))).containsExactly(
                "2026-10-31T06:30:00Z", "2026-11-01T07:30:00Z", "2026-11-02T07:30:00Z");
    }

    @Test
    void anHourlyCronStaysHourlyAcrossBothChanges() {
        ScheduleTiming timing = ScheduleTiming.of(cron("0 * * * *", NEW_YORK, null, null, null), 0);

        // Spring: 01:00 EST, then 03:00 EDT (02:00 does not exist): one real hour apart.
        assertThat(instants(timing.next(at("2026-03-08T05:30:00Z"), 3))).containsExactly(
                "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z");
        // Autumn: 01:00 EDT, 01:00 EST (the hour comes twice), 02:00 EST: every real hour, none twice.
        assertThat(instants(timing.next(at("2026-11-01T04:30:00Z"), 3))).containsExactly(
                "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z");
    }

    @Test
    void cronTimesAreStrictlyAfterTheGivenInstantAndUtcByDefault() {
        ScheduleTiming timing = ScheduleTiming.of(cron("5 0 * * *", ZoneOffset.UTC, null, null, null), 0);

        assertThat(timing.after(at("2026-01-01T00:04:59.999Z"))).hasValue(at("2026-01-01T00:05:00Z"));
        assertThat(timing.after(at("2026-01-01T00:05:00Z"))).hasValue(at("2026-01-02T00:05:00Z"));
        assertThat(timing.after(at("2026-01-01T00:05:00.001Z"))).hasValue(at("2026-01-02T00:05:00Z"));
    }

    @Test
    void everyMsRunsOnAGridFromItsAnchor() {
        ScheduleTiming timing = ScheduleTiming.of(every(1_000, null, null, MissedRuns.SKIP), 10_000);

        assertThat(timing.after(0)).hasValue(10_000);
        assertThat(timing.after(10_000)).hasValue(11_000);
        assertThat(timing.after(10_500)).hasValue(11_000);
        assertThat(timing.next(12_000, 3)).containsExactly(13_000L, 14_000L, 15_000L);
    }

    @Test
    void startAtAndEndAtBoundTheFireTimes() {
        ScheduleTiming every = ScheduleTiming.of(every(1_000, 20_000L, 22_000L, MissedRuns.SKIP), 10_000);
        // startAt anchors the grid; endAt is the last allowed time, inclusive.
        assertThat(every.next(0, 5)).containsExactly(20_000L, 21_000L, 22_000L);
        assertThat(every.after(22_000)).isEmpty();

        long start = at("2026-05-01T12:00:00Z");
        ScheduleTiming hourly = ScheduleTiming.of(cron("0 * * * *", ZoneOffset.UTC, start,
                at("2026-05-01T14:00:00Z"), null), 0);
        assertThat(instants(hourly.next(at("2026-05-01T00:00:00Z"), 5))).containsExactly(
                "2026-05-01T12:00:00Z", "2026-05-01T13:00:00Z", "2026-05-01T14:00:00Z");
    }

    @Test
    void nextRunsStartAtTheNextDueTimeAndRespectWhatIsLeftOfMaxRuns() {
        ScheduleSpec spec = cron("*/10 * * * *", ZoneOffset.UTC, null, null, 4);
        long due = at("2026-05-01T12:00:00Z");

        Schedule fresh = new Schedule(spec, Schedule.ORIGIN_API, 1, 0, 0, null, null, due, 0, 0);
        assertThat(instants(fresh.nextRuns(5))).containsExactly("2026-05-01T12:00:00Z", "2026-05-01T12:10:00Z",
                "2026-05-01T12:20:00Z", "2026-05-01T12:30:00Z");

        Schedule ranThrice = new Schedule(spec, Schedule.ORIGIN_API, 4, 0, 3, due - 1, due - 1, due, 0, 0);
        assertThat(ranThrice.nextRuns(5)).containsExactly(due);
        Schedule paused = new Schedule(spec.withEnabled(false), Schedule.ORIGIN_API, 4, 0, 0, null, null, null, 0, 0);
        assertThat(paused.nextRuns(5)).isEmpty();
        assertThat(Schedule.nextDueOf(spec, 0, 4, null, due)).as("used up").isNull();
        assertThat(Schedule.nextDueOf(spec, 0, 3, due + 600_000, due)).as("never a due time already fired")
                .isEqualTo(due + 1_200_000);
    }

    @Test
    void aDueTimeInTimeFiresAndMovesToTheNextEvenIfThatIsDueToo() {
        Schedule s = new Schedule(every(1_000, null, null, MissedRuns.SKIP), "api", 1, 0, 0, null, null, 5_000L, 0, 0);

        FirePlan plan = FirePlan.of(s, 5_000, 7_000, Duration.ofSeconds(5));

        assertThat(plan).isEqualTo(new FirePlan(true, 5_000, 6_000, 0));
    }

    @Test
    void missedDueTimesAreSkippedOrRunOnceThenTheScheduleContinuesAfterNow() {
        Schedule skip = new Schedule(every(1_000, null, null, MissedRuns.SKIP), "api", 1, 0, 0, null, null, 5_000L,
                0, 0);
        Schedule runOnce = new Schedule(every(1_000, null, null, MissedRuns.RUN_ONCE), "api", 1, 0, 0, null, null,
                5_000L, 0, 0);

        // Found at 20.5 s with a threshold of 5 s: 5 s .. 20 s (16 due times) were missed.
        assertThat(FirePlan.of(skip, 5_000, 20_500, Duration.ofSeconds(5)))
                .isEqualTo(new FirePlan(false, 5_000, 21_000, 16));
        assertThat(FirePlan.of(runOnce, 5_000, 20_500, Duration.ofSeconds(5)))
                .isEqualTo(new FirePlan(true, 5_000, 21_000, 16));
    }

    @Test
    void aScheduleWhoseWindowClosedHasNoNextTime() {
        Schedule s = new Schedule(every(1_000, 0L, 5_000L, MissedRuns.SKIP), "api", 1, 0, 0, null, null, 5_000L, 0, 0);

        assertThat(FirePlan.of(s, 5_000, 5_100, Duration.ofSeconds(5)).nextDueMs()).isEqualTo(-1);
    }
}
