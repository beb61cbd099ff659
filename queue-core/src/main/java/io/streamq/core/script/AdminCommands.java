package io.streamq.core.script;

/** Owner and monitor scripts (monitor-service); each is one file in {@code commands/}, named after it. */
public final class AdminCommands {
    private AdminCommands() {
    }

    public static final LuaScript REMOVE_JOB = LuaScript.load("remove-job");
    public static final LuaScript RETRY_JOB = LuaScript.load("retry-job");
    public static final LuaScript PURGE_QUEUE_BATCH = LuaScript.load("purge-queue-batch");
    public static final LuaScript SET_LIMITS = LuaScript.load("set-limits");
    public static final LuaScript ALERT_TRANSITION = LuaScript.load("alert-transition");
    /** Read-only. */
    public static final LuaScript QUEUE_SNAPSHOT = LuaScript.load("queue-snapshot");
    /** Read-only. */
    public static final LuaScript SEARCH_JOBS = LuaScript.load("search-jobs");
}
