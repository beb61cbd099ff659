package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;

/**
 * Resume a paused workflow run. The optional {@code signal} (e.g. {@code approved}) is matched against the names a
 * waiting step listens for, so it follows the identifier format, which also caps it at 128 characters.
 */
@JobContract(name = "workflow.resume-run", queue = QueueName.WORKFLOWS)
public record WorkflowResumeRun(
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String runId,
        @Pattern(regexp = ID, message = ID_MESSAGE) String signal) implements JobPayload {
}
