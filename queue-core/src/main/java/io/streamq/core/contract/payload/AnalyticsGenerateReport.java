package io.streamq.core.contract.payload;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.LocalDate;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;

/**
 * Produce a report over the inclusive date range {@code from}..{@code to}.
 * <p>
 * Is-getters are hidden from Jackson because {@link #isTo()} exists only for Bean Validation: named after the
 * {@code to} component, its violation is reported as {@code to}, the field a client has to change.
 */
@JsonAutoDetect(isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JobContract(name = "analytics.generate-report", queue = QueueName.ANALYTICS)
public record AnalyticsGenerateReport(
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String reportId,
        @NotNull LocalDate from,
        @NotNull LocalDate to,
        @NotNull ReportFormat format) implements JobPayload {

    @AssertTrue(message = "must not be before from")
    public boolean isTo() {
        // Missing dates are reported by @NotNull; repeating them here would double the errors.
        return from == null || to == null || !from.isAfter(to);
    }
}
