package io.streamq.worker.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.payload.AnalyticsGenerateReport;
import io.streamq.core.store.AnalyticsStore.DaySummary.Property;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A report as JSON: {@code {reportId, from, to, totalEvents, days: [{date, totalEvents, events: {<event>: {count,
 * properties: {<property>: {<value>: count}}}}, otherProperties?}]}}, where {@code otherProperties} is the count of
 * the breakdown's {@code ~other}, present when the day has one.
 */
final class JsonReport {

    record Report(String reportId, String from, String to, long totalEvents, List<Day> days) {
    }

    record Day(String date, long totalEvents, Map<String, Event> events,
               @JsonInclude(JsonInclude.Include.NON_NULL) Long otherProperties) {
    }

    record Event(long count, Map<String, Map<String, Long>> properties) {
    }

    private JsonReport() {
    }

    static String of(ObjectMapper mapper, AnalyticsGenerateReport job, List<ReportDay> days, long totalEvents)
            throws JsonProcessingException {
        List<Day> json = days.stream().map(JsonReport::day).toList();
        return mapper.writeValueAsString(new Report(job.reportId(), job.from().toString(), job.to().toString(),
                totalEvents, json));
    }

    private static Day day(ReportDay day) {
        Map<String, Event> events = new LinkedHashMap<>();
        day.events().forEach((name, event) -> {
            Map<String, Map<String, Long>> properties = new TreeMap<>();
            for (Property p : event.breakdown().values()) {
                properties.computeIfAbsent(p.property(), k -> new TreeMap<>()).put(p.value(), p.count());
            }
            events.put(name, new Event(event.count(), properties));
        });
        Long other = day.otherProperties().isPresent() ? day.otherProperties().getAsLong() : null;
        return new Day(day.date().toString(), day.totalEvents(), events, other);
    }
}
