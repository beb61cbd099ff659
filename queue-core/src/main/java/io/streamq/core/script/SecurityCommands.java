package io.streamq.core.script;

/** The scripts of the owner-security library (service-security); each is one file in {@code commands/}. */
public final class SecurityCommands {
    private SecurityCommands() {
    }

    public static final LuaScript RATE_LIMIT = LuaScript.load("rate-limit");
    public static final LuaScript CONFIRM_TOKEN_ISSUE = LuaScript.load("confirm-token-issue");
    public static final LuaScript CONFIRM_TOKEN_SPEND = LuaScript.load("confirm-token-spend");
    public static final LuaScript AUDIT_APPEND = LuaScript.load("audit-append");
}
