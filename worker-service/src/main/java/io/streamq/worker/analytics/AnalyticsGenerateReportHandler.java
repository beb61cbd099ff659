package io.streamq.worker.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.AnalyticsGenerateReport;
import io.streamq.core.contract.payload.ReportFormat;
import io.streamq.core.store.AnalyticsStore;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import io.streamq.worker.integration.Failures;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * analytics.generate-report: the event counts (and property breakdowns) of each day of the range, as CSV
 * ({@code date,event,property,value,count}; the event's total has empty property and value) or JSON. The report is
 * stored in Redis for {@code report-ttl}; the result names its key and inlines the content when it is small.
 */
@ApplicationScoped
public class AnalyticsGenerateReportHandler implements JobHandler {

    public record Result(String reportId, ReportFormat format, LocalDate from, LocalDate to, int days, int rows,
                         long totalEvents, int bytes, String storedAt, long expiresInSeconds, String content) {
    }

    record Row(LocalDate date, String event, String property, String value, long count) {
    }

    private final AnalyticsStore store;
    private final ObjectMapper mapper;
    private final IntegrationsConfig.Analytics config;

    public AnalyticsGenerateReportHandler(AnalyticsStore store, ObjectMapper mapper, IntegrationsConfig config) {
        this.store = store;
        this.mapper = mapper;
        this.config = config.analytics();
    }

    @Override
    public JobType type() {
        return JobType.ANALYTICS_GENERATE_REPORT;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        AnalyticsGenerateReport job = context.payload(AnalyticsGenerateReport.class);
        long days = ChronoUnit.DAYS.between(job.from(), job.to()) + 1;
        if (days > config.reportMaxDays()) {
            throw Failures.rejected(Failures.INVALID_RANGE,
                    "A report covers at most " + config.reportMaxDays() + " days");
        }
        Duration wait = context.timeout();
        List<Row> rows = new ArrayList<>();
        Map<String, Object> json = new LinkedHashMap<>();
        List<Object> jsonDays = new ArrayList<>();
        long total = 0;
        for (LocalDate day = job.from(); !day.isAfter(job.to()); day = day.plusDays(1)) {
            Map<String, String> counts = new TreeMap<>(store.dayCounts(day).await().atMost(wait));
            Map<String, String> props = new TreeMap<>(store.dayProperties(day).await().atMost(wait));
            Map<String, Object> events = new LinkedHashMap<>();
            long dayTotal = 0;
            for (Map.Entry<String, String> e : counts.entrySet()) {
                long count = Long.parseLong(e.getValue());
                dayTotal += count;
                rows.add(new Row(day, e.getKey(), "", "", count));
                Map<String, Map<String, Long>> breakdown = new TreeMap<>();
                String prefix = e.getKey() + "|";
                for (Map.Entry<String, String> p : props.entrySet()) {
                    if (!p.getKey().startsWith(prefix)) {
                        continue;
                    }
                    String pv = p.getKey().substring(prefix.length());
                    int eq = pv.indexOf('=');
                    String property = eq < 0 ? pv : pv.substring(0, eq);
                    String value = eq < 0 ? "" : pv.substring(eq + 1);
                    long n = Long.parseLong(p.getValue());
                    rows.add(new Row(day, e.getKey(), property, value, n));
                    breakdown.computeIfAbsent(property, k -> new TreeMap<>()).put(value, n);
                }
                events.put(e.getKey(), Map.of("count", count, "properties", breakdown));
            }
            total += dayTotal;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("date", day.toString());
            d.put("totalEvents", dayTotal);
            d.put("events", events);
            jsonDays.add(d);
        }
        String content;
        if (job.format() == ReportFormat.CSV) {
            StringBuilder csv = new StringBuilder("date,event,property,value,count\n");
            for (Row r : rows) {
                csv.append(r.date()).append(',').append(csv(r.event())).append(',').append(csv(r.property()))
                        .append(',').append(csv(r.value())).append(',').append(r.count()).append('\n');
            }
            content = csv.toString();
        } else {
            json.put("reportId", job.reportId());
            json.put("from", job.from().toString());
            json.put("to", job.to().toString());
            json.put("totalEvents", total);
            json.put("days", jsonDays);
            content = mapper.writeValueAsString(json);
        }
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.reportMaxBytes()) {
            throw Failures.rejected(Failures.REPORT_TOO_LARGE, "The report would exceed " + config.reportMaxBytes()
                    + " bytes; ask for a shorter range");
        }
        String key = store.storeReport(job.reportId(), content, config.reportTtl()).await().atMost(wait);
        return new Result(job.reportId(), job.format(), job.from(), job.to(), (int) days, rows.size(), total, bytes,
                key, config.reportTtl().toSeconds(), bytes <= config.reportInlineBytes() ? content : null);
    }

    static String csv(String field) {
        boolean quote = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        // A leading =, +, - or @ would make a spreadsheet run the cell as a formula.
        String safe = !field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
