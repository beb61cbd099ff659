package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Delete finished jobs older than the given age; at most a year so a typo cannot mean "keep nothing" forever. */
@JobContract(name = "system.cleanup", queue = QueueName.SYSTEM)
public record SystemCleanup(@NotNull @Min(1) @Max(8760) Integer olderThanHours) implements JobPayload {
}
