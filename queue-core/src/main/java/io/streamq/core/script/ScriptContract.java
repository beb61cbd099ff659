package io.streamq.core.script;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a script's docblock promises: the names of its {@code KEYS} and {@code ARGV} in order, the fields of each row
 * of its reply (if it answers rows) and what it publishes. Callers name every key and value they send
 * ({@link ScriptCall}) and read rows by field name ({@link ReplyRows}), so the docblock is the one statement of a
 * script's calling convention, and a caller that drifts from it fails on its first call.
 */
public record ScriptContract(ScriptParams keys, ScriptParams argv, List<String> row, String publishes) {

    private static final Pattern DOCBLOCK = Pattern.compile("\\A--\\[\\[\\n(.*?)\\n]]", Pattern.DOTALL);
    private static final Pattern SECTION = Pattern.compile("^  (KEYS|ARGV|ROW|Publishes): ?(.*)$");
    private static final Pattern CONTINUED = Pattern.compile("^ {4,}(\\S.*)$");

    public ScriptContract {
        row = List.copyOf(row);
    }

    /** Reads the docblock that opens {@code script}'s file. */
    static ScriptContract parse(String script, String text) {
        Matcher doc = DOCBLOCK.matcher(text);
        if (!doc.find()) {
            throw new IllegalStateException(script + ".lua opens with no --[[ docblock ]]");
        }
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : doc.group(1).split("\n")) {
            Matcher section = SECTION.matcher(line);
            Matcher continued = CONTINUED.matcher(line);
            if (section.matches()) {
                current = new StringBuilder(section.group(2).trim());
                sections.put(section.group(1), current);
            } else if (current != null && continued.matches()) {
                current.append(' ').append(continued.group(1).trim());
            } else {
                current = null;
            }
        }
        for (String required : List.of("KEYS", "ARGV", "Publishes")) {
            if (!sections.containsKey(required)) {
                throw new IllegalStateException(script + ".lua: its docblock has no " + required + ": line");
            }
        }
        try {
            return new ScriptContract(ScriptParams.parse(sections.get("KEYS").toString()),
                    ScriptParams.parse(sections.get("ARGV").toString()),
                    sections.containsKey("ROW") ? ScriptParams.names(sections.get("ROW").toString()) : List.of(),
                    sections.get("Publishes").toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(script + ".lua: " + e.getMessage(), e);
        }
    }
}
