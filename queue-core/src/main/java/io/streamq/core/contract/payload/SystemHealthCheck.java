package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;

/** A canary job that proves the pipeline end to end; {@code {}} is a valid payload, {@code probe} only labels it. */
@JobContract(name = "system.health-check", queue = QueueName.SYSTEM)
public record SystemHealthCheck(@Size(max = 64) @Pattern(regexp = ID, message = ID_MESSAGE) String probe)
        implements JobPayload {
}
