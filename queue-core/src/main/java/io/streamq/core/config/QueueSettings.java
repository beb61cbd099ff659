package io.streamq.core.config;

import io.streamq.core.contract.QueueName;
import io.streamq.core.failure.FailurePolicy;
import io.streamq.core.limits.QueueLimits;

import java.time.Duration;

/**
 * The effective configuration of one queue.
 *
 * @param limits the config's default start limits; an owner's overrides in Redis take precedence (QueueLimitsStore)
 */
public record QueueSettings(
        QueueName queue,
        int maxAttempts,
        Duration timeout,
        int concurrency,
        Duration visibilityTimeout,
        RemovalPolicy removeCompleted,
        RemovalPolicy removeFailed,
        FailurePolicy failures,
        QueueLimits limits) {
}
