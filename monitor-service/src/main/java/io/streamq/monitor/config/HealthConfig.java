package io.streamq.monitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.Map;

/** The health rules' thresholds and penalties (docs/health.md). A score starts at 100; each firing rule subtracts. */
@ConfigMapping(prefix = "streamq.health")
public interface HealthConfig {

    /** Score at or above which a queue is healthy. */
    @WithDefault("80")
    @Min(0)
    @Max(100)
    int healthyAtLeast();

    /** Score at or above which a queue is warning (below: critical). */
    @WithDefault("50")
    @Min(0)
    @Max(100)
    int warningAtLeast();

    Backlog backlog();

    NoWorkers noWorkers();

    ErrorRate errorRate();

    WaitTime waitTime();

    ProcessingTime processingTime();

    Stalled stalled();

    Dlq dlq();

    Paused paused();

    interface Backlog {
        /** Net growth (enqueued minus finished, per minute over the window) at or above which the rule fires. */
        @WithDefault("10")
        @DecimalMin("0")
        double growthPerMinute();

        @WithDefault("25")
        @Min(0)
        @Max(100)
        int penalty();
    }

    interface NoWorkers {
        @WithDefault("40")
        @Min(0)
        @Max(100)
        int penalty();
    }

    interface ErrorRate {
        @WithDefault("0.10")
        @DecimalMin("0")
        @DecimalMax("1")
        double warning();

        @WithDefault("0.25")
        @DecimalMin("0")
        @DecimalMax("1")
        double critical();

        @WithDefault("15")
        @Min(0)
        @Max(100)
        int warningPenalty();

        @WithDefault("35")
        @Min(0)
        @Max(100)
        int criticalPenalty();

        /** Fewer attempts in the window than this say nothing about a rate. */
        @WithDefault("10")
        @Min(0)
        int minAttempts();
    }

    interface WaitTime {
        /** Target age of the oldest waiting job, per queue ({@code streamq.health.wait-time.target.email=PT5M}). */
        Map<String, Duration> target();

        @WithDefault("PT1M")
        @DurationMin(millis = 1)
        Duration defaultTarget();

        /** Beyond target × this factor the higher penalty applies. */
        @WithDefault("5")
        @DecimalMin("1")
        double severeFactor();

        @WithDefault("15")
        @Min(0)
        @Max(100)
        int penalty();

        @WithDefault("30")
        @Min(0)
        @Max(100)
        int severePenalty();
    }

    interface ProcessingTime {
        /** p95 processing time above this share of the queue's handler timeout fires. */
        @WithDefault("0.8")
        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax("1")
        double timeoutShare();

        @WithDefault("15")
        @Min(0)
        @Max(100)
        int penalty();
    }

    interface Stalled {
        /** Stalled jobs (reclaimed from silent workers) per finished job, lifetime, above which the rule fires. */
        @WithDefault("0.01")
        @DecimalMin("0")
        @DecimalMax("1")
        double ratio();

        /** Below this many finished jobs the ratio is noise. */
        @WithDefault("100")
        @Min(0)
        long minFinished();

        @WithDefault("10")
        @Min(0)
        @Max(100)
        int penalty();
    }

    interface Dlq {
        /** Failures waiting in the queue's dead stream for dlq-service; more means the hand-off is stuck. */
        @WithDefault("100")
        @Min(0)
        long deadBacklog();

        /** Jobs failing for good per minute over the window. */
        @WithDefault("5")
        @DecimalMin("0")
        double failedPerMinute();

        @WithDefault("15")
        @Min(0)
        @Max(100)
        int penalty();

        /**
         * Entries of the queue that stay in the DLQ once the failures stopped: shown as long as they are there (an
         * unresolved DLQ must not vanish from health when the window moves on), scored lightly.
         */
        @WithDefault("5")
        @Min(0)
        @Max(100)
        int unresolvedPenalty();
    }

    /** A pause is the owner's intent: informational by default. */
    interface Paused {
        @WithDefault("0")
        @Min(0)
        @Max(100)
        int penalty();
    }
}
