package io.streamq.dlq.ingest;

import java.util.regex.Pattern;

/**
 * Groups error messages into reasons: the variable parts (quoted values, uuids, hex, job ids, numbers) are masked,
 * so "timeout after 3012 ms for ai-17" and "timeout after 2990 ms for ai-9" are one reason. Done here rather than
 * in Lua because Lua patterns lack alternation and would make the rules unreadable.
 */
public final class ErrorFingerprint {

    static final int MAX_LENGTH = 200;

    /**
     * Only the start of a message is masked: messages are unbounded (an upstream error may echo a whole list), and
     * the reason is cut to {@link #MAX_LENGTH} anyway. Together with possessive quantifiers this keeps the regex
     * engine's recursion shallow: a 20,000-character "1.1.1…" overflowed the forwarder thread's stack.
     */
    static final int MAX_MASKED = 1_000;

    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'|`[^`]*`");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{8,}\\b");
    private static final Pattern EMAIL = Pattern.compile("\\b[\\w.+-]++@[\\w-]++(?:\\.[\\w-]++)++\\b");
    private static final Pattern ID = Pattern.compile("\\b[a-zA-Z][a-zA-Z_]*[-_:][0-9]+\\b");
    /**
     * A number right after "HTTP", "status" or "code" is the reason itself, not a variable part: HTTP 410 (gone, do
     * not retry) and HTTP 500 must stay two reasons. Any other number is masked, never from the middle of one.
     */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<!(?i:http|status|code)[ :=]{1,2})(?<!\\d)\\d++(?:[.,]\\d++)*+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ErrorFingerprint() {
    }

    public static String of(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        String start = message.length() > MAX_MASKED ? message.substring(0, MAX_MASKED) : message;
        String s = QUOTED.matcher(start).replaceAll("<str>");
        s = UUID.matcher(s).replaceAll("<uuid>");
        s = EMAIL.matcher(s).replaceAll("<email>");
        s = HEX.matcher(s).replaceAll("<hex>");
        s = ID.matcher(s).replaceAll("<id>");
        s = NUMBER.matcher(s).replaceAll("<n>");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s;
    }
}
