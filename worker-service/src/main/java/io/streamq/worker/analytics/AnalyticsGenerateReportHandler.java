package io.streamq.worker.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.AnalyticsGenerateReport;
import io.streamq.core.contract.payload.ReportFormat;
import io.streamq.core.event.DomainEventType;
import io.streamq.core.store.AnalyticsStore;
import io.streamq.worker.handler.HandlerEvents;
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
import java.util.List;
import java.util.concurrent.CancellationException;

import static io.streamq.core.event.DomainEvent.fields;

/**
 * analytics.generate-report: the event counts (and property breakdowns) of each day of the range, as CSV
 * ({@link CsvReport}) or JSON ({@link JsonReport}). Each day is read in short HSCAN slices. The report is stored in
 * Redis for {@code report-ttl}; the result names its key and inlines the content when it is small. Its steps are the
 * days and the storing of the report: progress is reported after each, and a cancelled job stops between days.
 */
@ApplicationScoped
public class AnalyticsGenerateReportHandler implements JobHandler {

    public record Result(String reportId, ReportFormat format, LocalDate from, LocalDate to, int days, int rows,
                         long totalEvents, int bytes, String storedAt, long expiresInSeconds, String content) {
    }

    /** The job's progress: days read of the range, and whether the report is stored. */
    public record Progress(int daysRead, int days, boolean stored) {
        /** Each day is a step, and storing the report the last one. */
        int percent() {
            return (daysRead + (stored ? 1 : 0)) * 100 / (days + 1);
        }
    }

    private final AnalyticsStore store;
    private final ObjectMapper mapper;
    private final IntegrationsConfig.Analytics config;
    private final HandlerEvents events;

    public AnalyticsGenerateReportHandler(AnalyticsStore store, ObjectMapper mapper, IntegrationsConfig config,
                                          HandlerEvents events) {
        this.store = store;
        this.mapper = mapper;
        this.config = config.analytics();
        this.events = events;
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
        int perCall = config.fieldsPerCall();
        context.log("Report %s (%s) of %s..%s: %d days", job.reportId(), job.format().name().toLowerCase(),
                job.from(), job.to(), days);
        report(context, new Progress(0, (int) days, false));
        List<ReportDay> reportDays = new ArrayList<>();
        for (LocalDate day = job.from(); !day.isAfter(job.to()); day = day.plusDays(1)) {
            if (context.cancelled()) {
                throw new CancellationException("report cancelled after " + reportDays.size() + " of " + days
                        + " days");
            }
            reportDays.add(ReportDay.of(day, store.dayCounts(day, perCall).await().atMost(wait),
                    store.dayProperties(day, perCall).await().atMost(wait)));
            report(context, new Progress(reportDays.size(), (int) days, false));
        }
        long total = reportDays.stream().mapToLong(ReportDay::totalEvents).sum();
        int rows = reportDays.stream().mapToInt(ReportDay::rows).sum();
        context.log("Read %d days: %d events, %d rows", reportDays.size(), total, rows);
        String content = job.format() == ReportFormat.CSV ? CsvReport.of(reportDays)
                : JsonReport.of(mapper, job, reportDays, total);
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.reportMaxBytes()) {
            throw Failures.rejected(Failures.REPORT_TOO_LARGE, "The report would exceed " + config.reportMaxBytes()
                    + " bytes; ask for a shorter range");
        }
        String key = store.storeReport(job.reportId(), content, config.reportTtl()).await().atMost(wait);
        context.log("Stored the report: %d bytes, kept %d s", bytes, config.reportTtl().toSeconds());
        report(context, new Progress(reportDays.size(), (int) days, true));
        events.publish(context, DomainEventType.ANALYTICS_REPORT_GENERATED, fields("reportId", job.reportId(),
                "format", job.format(), "from", job.from().toString(), "to", job.to().toString(), "days", days));
        return new Result(job.reportId(), job.format(), job.from(), job.to(), (int) days, rows, total, bytes,
                key, config.reportTtl().toSeconds(), bytes <= config.reportInlineBytes() ? content : null);
    }

    private static void report(JobContext context, Progress progress) {
        context.progress(progress.percent(), progress);
    }
}
