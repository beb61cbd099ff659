package io.streamq.worker.analytics;

import io.streamq.core.store.AnalyticsStore;
import io.streamq.core.store.AnalyticsStore.DaySummary.Property;

import java.time.LocalDate;
import java.util.List;

/**
 * A report as CSV, {@code date,event,property,value,count}: per day each event by name with empty property and value,
 * followed by its breakdown; a day whose breakdown was full ends with {@code <date>,,~other,,<count>}.
 */
final class CsvReport {

    private CsvReport() {
    }

    static String of(List<ReportDay> days) {
        StringBuilder csv = new StringBuilder("date,event,property,value,count\n");
        for (ReportDay day : days) {
            day.events().forEach((name, event) -> {
                row(csv, day.date(), name, "", "", event.count());
                for (Property p : event.breakdown().values()) {
                    row(csv, day.date(), name, p.property(), p.value(), p.count());
                }
            });
            day.otherProperties().ifPresent(n -> row(csv, day.date(), "", AnalyticsStore.OTHER, "", n));
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, LocalDate date, String event, String property, String value,
                            long count) {
        csv.append(date).append(',').append(cell(event)).append(',').append(cell(property)).append(',')
                .append(cell(value)).append(',').append(count).append('\n');
    }

    static String cell(String field) {
        boolean quote = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
        String safe = !field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
