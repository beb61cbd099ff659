package io.streamq.core.script;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a script's docblock gives its {@code KEYS} or its {@code ARGV}, in order: numbered ones first (the
 * trailing ones marked {@code (optional)} may be left out), then {@code then per <row>: a, b} for values repeated
 * once per row of a batch.
 */
public record ScriptParams(List<String> fixed, int required, List<String> row) {

    private static final Pattern NUMBERED = Pattern.compile("^(\\d+) (.+)$");
    private static final Pattern ROWS = Pattern.compile("^then per [^:]+: (.+)$");
    private static final Pattern NOTE = Pattern.compile("\\s*\\([^()]*\\)");

    public ScriptParams {
        fixed = List.copyOf(fixed);
        row = List.copyOf(row);
    }

    /** Parses a docblock list such as {@code 1 stream, 2 counts, then per job: entryId, jobId}. */
    static ScriptParams parse(String list) {
        List<String> fixed = new ArrayList<>();
        List<String> row = new ArrayList<>();
        int required = -1;
        for (String item : splitTopLevel(list)) {
            Matcher rows = ROWS.matcher(item);
            if (rows.matches()) {
                row.add(name(rows.group(1)));
                continue;
            }
            if (!row.isEmpty()) {
                row.add(name(item));
                continue;
            }
            Matcher numbered = NUMBERED.matcher(item);
            if (!numbered.matches() || Integer.parseInt(numbered.group(1)) != fixed.size() + 1) {
                throw new IllegalArgumentException("expected item " + (fixed.size() + 1) + " in '" + list + "'");
            }
            if (item.contains("(optional")) {
                required = required < 0 ? fixed.size() : required;
            } else if (required >= 0) {
                throw new IllegalArgumentException("a required item after an optional one in '" + list + "'");
            }
            fixed.add(name(numbered.group(2)));
        }
        return new ScriptParams(fixed, required < 0 ? fixed.size() : required, row);
    }

    /** The name expected at {@code position} (0-based); null past the last one. */
    String nameAt(int position) {
        if (position < fixed.size()) {
            return fixed.get(position);
        }
        return row.isEmpty() ? null : row.get((position - fixed.size()) % row.size());
    }

    /** Whether {@code count} values are a whole call: the required ones, and only whole rows after them. */
    boolean complete(int count) {
        if (count < required) {
            return false;
        }
        if (count <= fixed.size()) {
            return row.isEmpty() || count == fixed.size();
        }
        return !row.isEmpty() && (count - fixed.size()) % row.size() == 0;
    }

    /** The names a call of {@code rows} rows sends, in order (optional ones included). */
    public List<String> names(int rows) {
        List<String> all = new ArrayList<>(fixed);
        for (int i = 0; i < rows; i++) {
            all.addAll(row);
        }
        return all;
    }

    /** The names of a plain list such as {@code entryId, jobId, name (the job type)}. */
    static List<String> names(String list) {
        return splitTopLevel(list).stream().map(ScriptParams::name).toList();
    }

    private static String name(String item) {
        return NOTE.matcher(item).replaceAll("").trim();
    }

    /** Splits on the commas outside parentheses and quotes. */
    private static List<String> splitTopLevel(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        StringBuilder item = new StringBuilder();
        for (char c : list.toCharArray()) {
            if (c == '\'' && (quoted || item.isEmpty() || !Character.isLetter(item.charAt(item.length() - 1)))) {
                quoted = !quoted; // an apostrophe inside a word (user's) opens no quote
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                items.add(item.toString().trim());
                item.setLength(0);
                continue;
            }
            item.append(c);
        }
        if (!item.toString().isBlank()) {
            items.add(item.toString().trim());
        }
        return items;
    }
}
