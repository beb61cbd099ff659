package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A job type that exists only in worker-service's tests, declared the way docs/adding-a-job-type.md says a new type
 * is: this record is its whole contract, {@code TestEchoHandler} its handler, and no other file knows of it.
 */
@JobContract(name = "test.echo", queue = QueueName.SYSTEM)
public record TestEcho(@NotBlank @Size(max = 64) String text) implements JobPayload {
}
