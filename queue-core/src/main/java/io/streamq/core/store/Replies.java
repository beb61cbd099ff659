package io.streamq.core.store;

import io.vertx.mutiny.redis.client.Response;

/** Small readers for script replies, where nil comes back as null. */
final class Replies {
    private Replies() {
    }

    static String text(Response r) {
        return r == null ? null : r.toString();
    }

    static Long number(Response r) {
        return r == null ? null : Long.parseLong(r.toString());
    }

    static int integer(Response r, int fallback) {
        return r == null ? fallback : Integer.parseInt(r.toString());
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
