package io.streamq.core.contract.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;
import static io.streamq.core.contract.payload.PayloadPatterns.JOB_NAME;
import static io.streamq.core.contract.payload.PayloadPatterns.JOB_NAME_MESSAGE;
import static io.streamq.core.contract.payload.PayloadPatterns.PAYLOAD_TEXT_MAX_LENGTH;

/**
 * The dead-letter record of a job that failed for good, written by the platform. Times are epoch milliseconds.
 * {@code payload} is the original payload's JSON text, kept verbatim so a replay sends exactly what failed.
 * The primitives are {@code required} because Jackson would otherwise fill a missing one with 0.
 */
@JobContract(name = "dlq.record-failure", queue = QueueName.DLQ)
public record DlqRecordFailure(
        @NotNull @WorkQueueName String originalQueue,
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String originalJobId,
        @NotNull @Pattern(regexp = JOB_NAME, message = JOB_NAME_MESSAGE) String originalJobName,
        @NotBlank @Size(max = 256) String errorName,
        @NotNull @Size(max = 8000) String errorMessage,
        @Size(max = 32_000) String errorStack,
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String errorCode,
        @JsonProperty(required = true) @Positive long firstFailedAt,
        @JsonProperty(required = true) @Positive long lastFailedAt,
        @JsonProperty(required = true) @Positive int attemptsMade,
        @NotNull @Size(max = PAYLOAD_TEXT_MAX_LENGTH) String payload,
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String tenantId,
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String workspaceId,
        @Pattern(regexp = ID, message = ID_MESSAGE) String actorId,
        @JsonProperty(required = true) @PositiveOrZero int replayCount) implements JobPayload {
}
