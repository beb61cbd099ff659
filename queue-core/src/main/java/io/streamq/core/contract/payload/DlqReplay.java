package io.streamq.core.contract.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;
import static io.streamq.core.contract.payload.PayloadPatterns.JOB_NAME;
import static io.streamq.core.contract.payload.PayloadPatterns.JOB_NAME_MESSAGE;
import static io.streamq.core.contract.payload.PayloadPatterns.PAYLOAD_TEXT_MAX_LENGTH;

/**
 * Put a dead-lettered job back on its original queue. {@code actorId} is required: a replay is always someone's
 * decision and the audit trail needs the name. {@code replayCount} is required for the same reason as in
 * {@link DlqRecordFailure}.
 */
@JobContract(name = "dlq.replay", queue = QueueName.DLQ)
public record DlqReplay(
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String dlqJobId,
        @NotNull @WorkQueueName String originalQueue,
        @NotNull @Pattern(regexp = JOB_NAME, message = JOB_NAME_MESSAGE) String originalJobName,
        @NotNull @Size(max = PAYLOAD_TEXT_MAX_LENGTH) String payload,
        @JsonProperty(required = true) @PositiveOrZero int replayCount,
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String actorId) implements JobPayload {
}
