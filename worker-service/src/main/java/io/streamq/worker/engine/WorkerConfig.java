package io.streamq.worker.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

@ConfigMapping(prefix = "streamq.worker")
public interface WorkerConfig {

    /** Off in tests that drive the queue by hand. */
    @WithDefault("true")
    boolean enabled();

    /** Queues this instance consumes; default: every queue that has at least one handler. */
    Optional<Set<String>> queues();

    /** Most jobs claimed or completed in one round trip. */
    @WithDefault("500")
    @Min(1)
    int batchSize();

    /**
     * The whole budget of a graceful shutdown, for every queue at once: running jobs get it less
     * {@link #handlerStopWait()} to finish; then the handlers still running are stopped and their jobs handed back
     * to waiting without spending an attempt. Keep it, plus a few seconds, below the platform's grace period.
     */
    @WithDefault("PT20S")
    @DurationMin(millis = 1)
    Duration shutdownGrace();

    /**
     * How long a handler told to stop (timeout, shutdown) is waited for. A timed-out handler still running after it
     * is reported and its job dead-lettered as {@code handler-unresponsive}: a retry would overlap it.
     */
    @WithDefault("PT5S")
    @DurationMin(millis = 1)
    Duration handlerStopWait();

    /**
     * Longest wait for one Redis call of the engine; lease renewals wait at most a sixth of the visibility timeout.
     * A claim that times out is assumed to have run: this consumer's pending entries it does not run are handed back.
     */
    @WithDefault("PT10S")
    @DurationMin(millis = 1)
    Duration callTimeout();

    @WithDefault("PT5S")
    @DurationMin(millis = 1)
    Duration heartbeatInterval();

    /**
     * Shortest time between two writes of a running job's progress and log lines: a handler reporting in a tight
     * loop costs Redis at most one call per interval per job (the last report always gets written).
     */
    @WithDefault("PT0.25S")
    @DurationMin(millis = 1)
    Duration progressInterval();

    /** Longest wait of an idle consumer for new entries; well below the Redis client's command timeout. */
    @WithDefault("PT2S")
    @DurationMin(millis = 1)
    Duration idleWait();

    /**
     * How long the claim loop of a queue at its max active waits before asking again: only a job ending, on any
     * worker, frees a start. (A rate-limited claim waits exactly until the rate frees a start.)
     */
    @WithDefault("PT0.1S")
    @DurationMin(millis = 1)
    Duration maxActivePoll();

    /** HMAC secret that signs plugin webhooks; without it webhook jobs fail as integration-not-configured. */
    Optional<String> webhookSigningSecret();

    /** Longest sleep between promotions of delayed jobs; a retry or schedule is late by at most this much. */
    @WithDefault("PT0.2S")
    @DurationMin(millis = 1)
    Duration promoteInterval();

    /** How often consumers that left the {@code workers} groups are deleted. */
    @WithDefault("PT10M")
    @DurationMin(millis = 1)
    Duration pruneInterval();

    /**
     * How long a consumer with no pending entry must have been silent to be deleted: far above any live worker's
     * quiet spell (a live worker reads every {@link #idleWait()}; a paused queue or full slots keep it quiet longer).
     */
    @WithDefault("PT1H")
    @DurationMin(millis = 1)
    Duration pruneMinIdle();

    /** An engine loop that has not made progress for this long is reported stalled (readiness down). */
    @WithDefault("PT30S")
    @DurationMin(millis = 1)
    Duration stallAfter();
}
