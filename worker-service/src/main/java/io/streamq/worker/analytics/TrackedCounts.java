package io.streamq.worker.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events a worker tracked since the last publish, counted per event name and tenant. Bounded: at most
 * {@link #MAX_ENTRIES} pairs are listed; events of further pairs are only counted in {@code omitted}, so neither this
 * nor the message it becomes grows with the traffic.
 */
final class TrackedCounts {

    static final int MAX_ENTRIES = 50;

    /** One listed pair: how many of its events were tracked, and the last job that tracked one (for a link). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String event, String tenant, long count, String lastJobId) {
    }

    /** What one interval tracked; {@code omitted} counts the events of pairs beyond the bound. */
    record Window(long from, long to, List<Entry> events, long omitted) {
        boolean empty() {
            return events.isEmpty() && omitted == 0;
        }
    }

    private record Pair(String event, String tenant) {
    }

    private static final class Count {
        long count;
        String lastJobId;
    }

    private Map<Pair, Count> counts = new LinkedHashMap<>();
    private long omitted;
    private long from = System.currentTimeMillis();

    /** One event counted by its job (an attempt that found it counted already does not come here). */
    synchronized void add(String event, String tenant, String jobId) {
        Pair pair = new Pair(event, tenant == null || tenant.isEmpty() ? null : tenant);
        Count count = counts.get(pair);
        if (count == null) {
            if (counts.size() >= MAX_ENTRIES) {
                omitted++;
                return;
            }
            count = new Count();
            counts.put(pair, count);
        }
        count.count++;
        count.lastJobId = jobId;
    }

    /** The window since the last call, and a new one begun. */
    synchronized Window take() {
        long to = System.currentTimeMillis();
        List<Entry> events = new ArrayList<>(counts.size());
        counts.forEach((pair, count) -> events.add(new Entry(pair.event(), pair.tenant(), count.count,
                count.lastJobId)));
        Window window = new Window(from, to, events, omitted);
        counts = new LinkedHashMap<>();
        omitted = 0;
        from = to;
        return window;
    }
}
