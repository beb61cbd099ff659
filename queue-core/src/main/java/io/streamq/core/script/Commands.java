package io.streamq.core.script;

/** The transitions; each is one file in {@code commands/}, named after it. */
public final class Commands {
    private Commands() {
    }

    public static final LuaScript ENQUEUE = LuaScript.load("enqueue");
    public static final LuaScript CLAIM = LuaScript.load("claim");
    public static final LuaScript COMPLETE = LuaScript.load("complete");
    public static final LuaScript RETRY = LuaScript.load("retry");
    public static final LuaScript FAIL_TO_DLQ = LuaScript.load("fail-to-dlq");
    public static final LuaScript DEFER = LuaScript.load("defer");
    public static final LuaScript REPLAY = LuaScript.load("replay");
    public static final LuaScript PROMOTE = LuaScript.load("promote");
    public static final LuaScript RECLAIM = LuaScript.load("reclaim");
    public static final LuaScript EXTEND_LEASE = LuaScript.load("extend-lease");
    public static final LuaScript HAND_BACK = LuaScript.load("hand-back");
    public static final LuaScript PRUNE_CONSUMERS = LuaScript.load("prune-consumers");
    public static final LuaScript SET_PAUSED = LuaScript.load("set-paused");
    public static final LuaScript HEARTBEAT = LuaScript.load("heartbeat");
}
