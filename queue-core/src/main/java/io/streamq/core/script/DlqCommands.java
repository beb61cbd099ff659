package io.streamq.core.script;

/** The scripts of the dead-letter store (dlq-service); each is one file in {@code commands/}, named after it. */
public final class DlqCommands {
    private DlqCommands() {
    }

    public static final LuaScript INSERT = LuaScript.load("dlq-insert");
    public static final LuaScript MARK_REPLAYED = LuaScript.load("dlq-mark-replayed");
    public static final LuaScript DELETE = LuaScript.load("dlq-delete");
    public static final LuaScript CLEAR_BATCH = LuaScript.load("dlq-clear-batch");
    public static final LuaScript RETENTION = LuaScript.load("dlq-retention");
    public static final LuaScript RELEASE_LOCK = LuaScript.load("dlq-release-lock");
}
