package io.streamq.core.config;

import io.streamq.core.contract.QueueName;
import io.streamq.core.failure.FailurePolicy;

import java.time.Duration;

/** The effective configuration of one queue. */
public record QueueSettings(
        QueueName queue,
        int maxAttempts,
        Duration timeout,
        int concurrency,
        Duration visibilityTimeout,
        RemovalPolicy removeCompleted,
        RemovalPolicy removeFailed,
        FailurePolicy failures) {
}
