package io.streamq.bench;

/** Answers and log lines shortened for the report. */
final class Text {

    private Text() {
    }

    /** {@code s} on one line (runs of white space made one space), cut to {@code max} characters. */
    static String oneLine(String s, int max) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return one.length() <= max ? one : one.substring(0, max) + "…";
    }
}
