package io.streamq.core.script;

/** The scripts of the dead-letter store (dlq-service); each is one file in {@code commands/}, named after it. */
public final class DlqCommands {
    private DlqCommands() {
    }

    public static final LuaScript INSERT = LuaScript.load("dlq-insert");
    public static final LuaScript MARK_REPLAYED = LuaScript.load("dlq-mark-replayed");
    public static final LuaScript MARK_SUCCEEDED = LuaScript.load("dlq-mark-succeeded");
    public static final LuaScript DELETE = LuaScript.load("dlq-delete");
    public static final LuaScript CLEAR_BATCH = LuaScript.load("dlq-clear-batch");
    public static final LuaScript RETENTION = LuaScript.load("dlq-retention");
    public static final LuaScript RELEASE_LOCK = LuaScript.load("dlq-release-lock");
    public static final LuaScript TASK_START = LuaScript.load("dlq-task-start");
    public static final LuaScript TASK_FINISH = LuaScript.load("dlq-task-finish");
    /** Read only: a page of an index by offset or after a (score, member) cursor, O(log n) to position. */
    public static final LuaScript PAGE = LuaScript.load("dlq-page");
}
