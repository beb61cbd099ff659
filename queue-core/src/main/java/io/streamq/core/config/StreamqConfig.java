package io.streamq.core.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Queue configuration. Defaults for every queue are in queue-core's {@code META-INF/microprofile-config.properties};
 * a service's {@code application.properties} (or the environment) overrides any of them. Every value is validated at
 * start-up: a bad one stops the service with a message naming the property.
 */
@ConfigMapping(prefix = "streamq")
public interface StreamqConfig {

    /** Keyed by queue wire name, e.g. {@code streamq.queue.ai.attempts=3}. */
    Map<String, QueueConfig> queue();

    /** Per-type handler timeout overriding the queue's, e.g. {@code streamq.job-timeout."ai.generate-text"=PT2M}. */
    Map<String, Duration> jobTimeout();

    /** How long an idempotency key keeps returning the same job. */
    @WithDefault("PT24H")
    @DurationMin(seconds = 1)
    Duration idempotencyTtl();

    interface QueueConfig {
        @Min(1)
        int attempts();

        BackoffConfig backoff();

        @DurationMin(millis = 1)
        Duration timeout();

        @Min(1)
        int concurrency();

        /**
         * A running job whose worker is silent this long is reclaimed by another worker. Leases are renewed every
         * third of it, each call given a sixth: below half a second that leaves a renewal no time.
         */
        @DurationMin(millis = 500)
        Duration visibilityTimeout();

        RemovalConfig removeCompleted();

        RemovalConfig removeFailed();

        /** Error codes that skip the remaining attempts and go to the DLQ at once. */
        Optional<Set<String>> nonRetryableCodes();

        /** Whether a timed-out attempt is retried (true) or sent to the DLQ at once. */
        @WithDefault("true")
        boolean retryTimeouts();

        /** Default rate limit on the queue's job starts across all workers; absent: none. Owners override it. */
        // Named explicitly: validation messages of an optional group otherwise name it in camel case.
        @WithName("rate-limit")
        Optional<RateLimitConfig> rateLimit();

        /** Default cap on the queue's jobs active at once across all workers; absent: none. Owners override it. */
        Optional<@Min(1) Integer> maxActive();
    }

    interface RateLimitConfig {
        /** At most this many jobs start ... */
        @Min(1)
        int jobs();

        /** ... per this period. */
        @DurationMin(millis = 1)
        Duration per();
    }

    interface BackoffConfig {
        /** {@code fixed} or {@code exponential}. */
        @Pattern(regexp = "(?i)fixed|exponential")
        String type();

        @DurationMin(millis = 0)
        Duration delay();

        @WithDefault("PT10M")
        @DurationMin(millis = 0)
        Duration max();

        /** Fraction of the delay randomised away, 0..1, so retries of a burst do not arrive together. */
        @WithDefault("0.2")
        @DecimalMin("0")
        @DecimalMax("1")
        double jitter();
    }

    interface RemovalConfig {
        /** Keep at most this many; -1 keeps all. */
        @Min(-1)
        int keepLast();

        /** Keep for at most this long; 0 keeps forever. */
        @DurationMin(millis = 0)
        Duration keepFor();
    }
}
