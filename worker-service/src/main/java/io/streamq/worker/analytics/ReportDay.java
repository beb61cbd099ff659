package io.streamq.worker.analytics;

import io.streamq.core.store.AnalyticsStore;
import io.streamq.core.store.AnalyticsStore.DaySummary.Property;

import java.time.LocalDate;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One day of a report: its events by name (the day's {@code ~other} among them) with their breakdowns, and the count
 * of the breakdown's {@code ~other} when the day has one.
 */
record ReportDay(LocalDate date, SortedMap<String, Event> events, OptionalLong otherProperties) {

    /** An event's count and its breakdown by field ({@code <property>=<value>}), the order of the CSV rows. */
    record Event(long count, SortedMap<String, Property> breakdown) {
    }

    /**
     * From the day's hashes, in one pass over each: a day at its bounds has thousands of events and breakdown fields,
     * too many to match every field against every event.
     */
    static ReportDay of(LocalDate date, Map<String, String> counts, Map<String, String> properties) {
        SortedMap<String, Event> events = new TreeMap<>();
        counts.forEach((event, count) -> events.put(event, new Event(Long.parseLong(count), new TreeMap<>())));
        OptionalLong other = OptionalLong.empty();
        for (Map.Entry<String, String> p : properties.entrySet()) {
            String field = p.getKey();
            if (field.equals(AnalyticsStore.OTHER)) {
                other = OptionalLong.of(Long.parseLong(p.getValue()));
                continue;
            }
            // Event names never hold '|', so the first one ends the name.
            int bar = field.indexOf('|');
            Event event = bar < 0 ? null : events.get(field.substring(0, bar));
            if (event != null) {
                String breakdown = field.substring(bar + 1);
                event.breakdown().put(breakdown, Property.of(breakdown, Long.parseLong(p.getValue())));
            }
        }
        return new ReportDay(date, events, other);
    }

    long totalEvents() {
        return events.values().stream().mapToLong(Event::count).sum();
    }

    /** Rows of the CSV form: one per event, one per breakdown field, one for the breakdown's {@code ~other}. */
    int rows() {
        int rows = otherProperties.isPresent() ? 1 : 0;
        for (Event event : events.values()) {
            rows += 1 + event.breakdown().size();
        }
        return rows;
    }
}
