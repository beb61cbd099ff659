package io.streamq.core.script;

/** Following and stopping jobs: cancellation, progress and logs, waiting for a result. One file each in {@code commands/}. */
public final class JobControlCommands {
    private JobControlCommands() {
    }

    public static final LuaScript CANCEL_JOBS = LuaScript.load("cancel-jobs");
    public static final LuaScript REPORT_PROGRESS = LuaScript.load("report-progress");
    public static final LuaScript WATCH_JOB = LuaScript.load("watch-job");
}
