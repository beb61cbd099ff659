package io.streamq.core.keys;

/**
 * The one key schedules share across queues. A schedule lives under its target queue's tag (so firing is one
 * single-slot script), and this index says which queue that is, so a schedule is found by id alone and ids are unique
 * across queues. See docs/schedules.md.
 */
public final class ScheduleKeys {
    private ScheduleKeys() {
    }

    /** Hash: schedule id → queue wire name. */
    public static String ids() {
        return "sched:{schedules}:ids";
    }
}
