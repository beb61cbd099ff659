package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;
import static io.streamq.core.contract.payload.PayloadPatterns.MAP_KEY_MAX_LENGTH;
import static io.streamq.core.contract.payload.PayloadPatterns.MAP_MAX_ENTRIES;

/** Execute one step of a workflow run; {@code input} is free-form JSON and may be absent. */
@JobContract(name = "workflow.execute-step", queue = QueueName.WORKFLOWS)
public record WorkflowExecuteStep(
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String runId,
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String stepId,
        @Size(max = MAP_MAX_ENTRIES) Map<@Size(max = MAP_KEY_MAX_LENGTH) String, Object> input) implements JobPayload {
}
