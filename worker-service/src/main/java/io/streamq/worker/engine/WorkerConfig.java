package io.streamq.worker.engine;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
    int batchSize();

    /** How long a graceful shutdown waits for running jobs before leaving them pending for recovery. */
    @WithDefault("PT20S")
    Duration shutdownGrace();

    @WithDefault("PT5S")
    Duration heartbeatInterval();

    /** Longest wait of an idle consumer for new entries; well below the Redis client's command timeout. */
    @WithDefault("PT2S")
    Duration idleWait();

    /** HMAC secret that signs plugin webhooks; without it webhook jobs fail as integration-not-configured. */
    Optional<String> webhookSigningSecret();

    /** Longest sleep between promotions of delayed jobs; a retry or schedule is late by at most this much. */
    @WithDefault("PT0.2S")
    Duration promoteInterval();
}
