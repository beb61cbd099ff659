package io.streamq.core.config;

import io.streamq.core.contract.QueueName;

import java.time.Duration;

/** The effective configuration of one queue. */
public record QueueSettings(
        QueueName queue,
        int maxAttempts,
        Backoff backoff,
        Duration timeout,
        int concurrency,
        Duration visibilityTimeout,
        RemovalPolicy removeCompleted,
        RemovalPolicy removeFailed,
        DlqRouting routing) {
}
