package io.streamq.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * How a large request is cut into calls. A script call holds Redis while every queue on it waits, and Redis copies
 * every argument into it (and every reply into an output buffer), so a call is bounded both by how many items it
 * handles and by how many bytes it carries: a count alone lets 100 payloads of 200 KB make one 20 MB call.
 */
public final class Batches {

    private Batches() {
    }

    /** Consecutive slices of at most {@code maxCount} items. */
    public static <T> List<List<T>> of(List<T> items, int maxCount) {
        return of(items, maxCount, Long.MAX_VALUE, item -> 0);
    }

    /**
     * Consecutive slices of at most {@code maxCount} items whose {@code bytes} add up to at most {@code maxBytes};
     * an item heavier than that on its own is a slice of its own (it has to be carried somehow).
     */
    public static <T> List<List<T>> of(List<T> items, int maxCount, long maxBytes, ToLongFunction<T> bytes) {
        List<List<T>> slices = new ArrayList<>();
        int from = 0;
        long weight = 0;
        for (int i = 0; i < items.size(); i++) {
            long w = bytes.applyAsLong(items.get(i));
            if (i > from && (i - from == maxCount || weight + w > maxBytes)) {
                slices.add(items.subList(from, i));
                from = i;
                weight = 0;
            }
            weight += w;
        }
        if (from < items.size()) {
            slices.add(items.subList(from, items.size()));
        }
        return slices;
    }

    /** The UTF-8 length of {@code s}, without encoding it (a payload can be megabytes). */
    public static long utf8Length(String s) {
        if (s == null) {
            return 0;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // A surrogate pair is one 4-byte code point: 2 bytes for each half.
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
