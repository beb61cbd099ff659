package io.streamq.core.script;

/** Scripts the worker's job handlers run (analytics, maintenance); each is one file in {@code commands/}. */
public final class HandlerCommands {
    private HandlerCommands() {
    }

    public static final LuaScript TRACK_EVENT = LuaScript.load("track-event");
    public static final LuaScript AGGREGATE_DAY = LuaScript.load("aggregate-day");
    public static final LuaScript CLEANUP_FINISHED = LuaScript.load("cleanup-finished");
    public static final LuaScript REFRESH_COUNTS = LuaScript.load("refresh-counts");
}
