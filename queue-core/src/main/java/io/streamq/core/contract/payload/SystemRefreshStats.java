package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;

/** Recompute queue statistics, of one work queue if {@code queue} is given, else of all. */
@JobContract(name = "system.refresh-stats", queue = QueueName.SYSTEM)
public record SystemRefreshStats(@WorkQueueName String queue) implements JobPayload {
}
