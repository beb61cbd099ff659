package io.streamq.core.script;

/** Schedule scripts (docs/schedules.md); each is one file in {@code commands/}, named after it. */
public final class ScheduleCommands {
    private ScheduleCommands() {
    }

    /** Enqueues a schedule's job for a due time (or run now) and moves it on: new → waiting. */
    public static final LuaScript FIRE_SCHEDULE = LuaScript.load("fire-schedule");
    public static final LuaScript SAVE_SCHEDULE = LuaScript.load("save-schedule");
    public static final LuaScript DELETE_SCHEDULE = LuaScript.load("delete-schedule");
    /** The id index (ids unique across queues): take an id, give it back. */
    public static final LuaScript CLAIM_SCHEDULE_ID = LuaScript.load("claim-schedule-id");
    public static final LuaScript RELEASE_SCHEDULE_ID = LuaScript.load("release-schedule-id");
    /** Read-only. */
    public static final LuaScript DUE_SCHEDULES = LuaScript.load("due-schedules");
}
