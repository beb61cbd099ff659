package io.streamq.dlq.export;

import java.util.List;

/**
 * RFC 4180 rows, safe to open in a spreadsheet. A cell that starts with {@code =}, {@code +}, {@code -}, {@code @},
 * a tab or a carriage return would be run as a formula by Excel or LibreOffice (CSV injection); it gets a leading
 * {@code '} so it shows as text. Cells with a comma, quote or line break are quoted, quotes doubled.
 */
public final class Csv {

    private Csv() {
    }

    public static String row(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        return out.append("\r\n").toString();
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = neutralise(value);
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    static String neutralise(String v) {
        char c = v.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + v : v;
    }
}
