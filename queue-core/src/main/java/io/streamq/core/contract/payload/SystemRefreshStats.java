package io.streamq.core.contract.payload;

/** Recompute queue statistics, of one work queue if {@code queue} is given, else of all. */
public record SystemRefreshStats(@WorkQueueName String queue) implements JobPayload {
}
