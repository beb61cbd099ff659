package io.streamq.bench;

import java.util.List;

/** Answers and log lines shortened for the report. */
final class Text {

    private Text() {
    }

    /** {@code s} on one line (runs of white space made one space), cut to {@code max} characters. */
    static String oneLine(String s, int max) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return one.length() <= max ? one : one.substring(0, max) + "…";
    }

    /** The last {@code lines} lines of {@code s}. */
    static String tail(String s, int lines) {
        List<String> all = s.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
