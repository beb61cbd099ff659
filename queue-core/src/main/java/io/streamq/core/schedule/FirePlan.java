package io.streamq.core.schedule;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * What firing one due time of a schedule does, decided before the script runs (the next due time needs cron-utils),
 * applied by {@code fire-schedule.lua} only if the schedule still has this due time and version.
 *
 * <p>A due time found more than {@code missedAfter} late was missed (no replica fired it in time: all were down, or
 * stalled). Then every due time up to now counts as missed: {@code skip} enqueues nothing, {@code run-once} enqueues one
 * job for all of them; both continue at the first time after now. A due time found in time enqueues its job and the
 * schedule moves to the next time after it, even if that one is due already (a late loop catches up without gaps).
 *
 * @param enqueue   whether a job is enqueued (false: the missed times are skipped)
 * @param dueMs     the due time acted on; its job's idempotency key is made of it
 * @param nextDueMs the schedule's next due time, -1 when none is left (endAt passed)
 * @param missed    the due times passed over as missed, 0 when in time (counted up to {@link #MISSED_COUNT_CAP})
 */
public record FirePlan(boolean enqueue, long dueMs, long nextDueMs, int missed) {

    /** Counting missed times stops here: a schedule every second down for a day need not walk 86,400 times. */
    public static final int MISSED_COUNT_CAP = 10_000;

    public static FirePlan of(Schedule schedule, long dueMs, long nowMs, Duration missedAfter) {
        ScheduleTiming timing = schedule.timing();
        if (nowMs - dueMs <= missedAfter.toMillis()) {
            return new FirePlan(true, dueMs, orNone(timing.after(dueMs)), 0);
        }
        int missed = 1 + timing.countBetween(dueMs, nowMs, MISSED_COUNT_CAP - 1);
        boolean runOnce = schedule.spec().missedRuns() == MissedRuns.RUN_ONCE;
        return new FirePlan(runOnce, dueMs, orNone(timing.after(nowMs)), missed);
    }

    private static long orNone(OptionalLong t) {
        return t.isPresent() ? t.getAsLong() : -1;
    }
}
