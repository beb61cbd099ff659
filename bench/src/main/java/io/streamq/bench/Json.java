package io.streamq.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough JSON for the bench: picking a few fields out of the services' answers, and reading the BullMQ anchor's
 * summary line whole.
 */
final class Json {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private Json() {
    }

    /** The first {@code "id":"..."} of an answer. */
    static String firstId(String json) {
        Matcher m = ID.matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static List<String> allIds(String json) {
        List<String> ids = new ArrayList<>();
        Matcher m = ID.matcher(json);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** A top-level or nested numeric field, e.g. {@code "accepted":500}; the first occurrence wins. */
    static OptionalLong number(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /**
     * A whole JSON document: objects become maps (in their order), arrays lists, numbers doubles, and strings,
     * booleans and null themselves.
     *
     * @throws IllegalArgumentException if it is not JSON
     */
    static Object parse(String json) {
        Parser p = new Parser(json);
        Object value = p.value();
        p.skipSpace();
        if (p.at < json.length()) {
            throw p.error("text after the document");
        }
        return value;
    }

    private static final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        Object value() {
            skipSpace();
            if (at >= s.length()) {
                throw error("unexpected end");
            }
            return switch (s.charAt(at)) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object() {
            Map<String, Object> out = new LinkedHashMap<>();
            at++;
            skipSpace();
            if (accept('}')) {
                return out;
            }
            do {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                out.put(key, value());
                skipSpace();
            } while (accept(','));
            expect('}');
            return out;
        }

        private List<Object> array() {
            List<Object> out = new ArrayList<>();
            at++;
            skipSpace();
            if (accept(']')) {
                return out;
            }
            do {
                out.add(value());
                skipSpace();
            } while (accept(','));
            expect(']');
            return out;
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (at < s.length()) {
                char c = s.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= s.length()) {
                    break;
                }
                char e = s.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (at + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            }
            throw error("unterminated string");
        }

        private Double number() {
            int start = at;
            while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) {
                at++;
            }
            try {
                return Double.valueOf(s.substring(start, at));
            } catch (NumberFormatException e) {
                throw error("not a value");
            }
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, at)) {
                throw error("not a value");
            }
            at += word.length();
            return value;
        }

        private boolean accept(char c) {
            if (at < s.length() && s.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw error("expected '" + c + "'");
            }
        }

        void skipSpace() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("bad JSON at character " + at + ": " + what);
        }
    }
}
