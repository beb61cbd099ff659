package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;

/**
 * A canary job that proves the pipeline end to end; {@code {}} is a valid payload, {@code probe} only labels it.
 * {@code fail: true} makes every attempt fail with a retryable error: a drill of the failure path (retries, backoff,
 * the DLQ, alerts) that an operator can run on a live system without breaking anything real.
 */
@JobContract(name = "system.health-check", queue = QueueName.SYSTEM)
public record SystemHealthCheck(@Size(max = 64) @Pattern(regexp = ID, message = ID_MESSAGE) String probe,
                                Boolean fail) implements JobPayload {

    public boolean failDrill() {
        return Boolean.TRUE.equals(fail);
    }
}
