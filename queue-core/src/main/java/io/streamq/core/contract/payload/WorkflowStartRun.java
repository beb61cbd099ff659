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

/** Start a new run of a workflow; {@code input} is free-form JSON handed to the first step and may be absent. */
@JobContract(name = "workflow.start-run", queue = QueueName.WORKFLOWS)
public record WorkflowStartRun(
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String workflowId,
        @Size(max = MAP_MAX_ENTRIES) Map<@Size(max = MAP_KEY_MAX_LENGTH) String, Object> input) implements JobPayload {
}
