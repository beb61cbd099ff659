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
import java.util.List;

/**
 * analytics.generate-report: the event counts (and property breakdowns) of each day of the range, as CSV
 * ({@link CsvReport}) or JSON ({@link JsonReport}). Each day is read in short HSCAN slices. The report is stored in
 * Redis for {@code report-ttl}; the result names its key and inlines the content when it is small.
 */
@ApplicationScoped
public class AnalyticsGenerateReportHandler implements JobHandler {

    public record Result(String reportId, ReportFormat format, LocalDate from, LocalDate to, int days, int rows,
                         long totalEvents, int bytes, String storedAt, long expiresInSeconds, String content) {
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
        int perCall = config.fieldsPerCall();
        List<ReportDay> reportDays = new ArrayList<>();
        for (LocalDate day = job.from(); !day.isAfter(job.to()); day = day.plusDays(1)) {
            reportDays.add(ReportDay.of(day, store.dayCounts(day, perCall).await().atMost(wait),
                    store.dayProperties(day, perCall).await().atMost(wait)));
        }
        long total = reportDays.stream().mapToLong(ReportDay::totalEvents).sum();
        int rows = reportDays.stream().mapToInt(ReportDay::rows).sum();
        String content = job.format() == ReportFormat.CSV ? CsvReport.of(reportDays)
                : JsonReport.of(mapper, job, reportDays, total);
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.reportMaxBytes()) {
            throw Failures.rejected(Failures.REPORT_TOO_LARGE, "The report would exceed " + config.reportMaxBytes()
                    + " bytes; ask for a shorter range");
        }
        String key = store.storeReport(job.reportId(), content, config.reportTtl()).await().atMost(wait);
        return new Result(job.reportId(), job.format(), job.from(), job.to(), (int) days, rows, total, bytes,
                key, config.reportTtl().toSeconds(), bytes <= config.reportInlineBytes() ? content : null);
    }
}
