package io.streamq.gateway.console;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * Where the owner console served at {@code /owner/} finds the APIs ({@code streamq.console.*}). Every value is
 * optional: an absent base means "same origin as the console", which is what the Kubernetes ingress gives (one host
 * routes {@code /owner/queues}, {@code /owner/dlq}, ... to their services). Under {@code ./stack up} each service
 * has its own port, so the stack sets the bases, e.g. {@code STREAMQ_CONSOLE_API_BASE_MONITOR=http://127.0.0.1:8084}.
 */
@ConfigMapping(prefix = "streamq.console")
public interface ConsoleConfig {

    ApiBase apiBase();

    /** The WebSocket URL of the live feed; absent: {@code ws(s)://<console host>/owner/realtime}. */
    Optional<String> realtimeUrl();

    interface ApiBase {
        /** monitor-service: queues, jobs, audit. */
        Optional<String> monitor();

        /** dlq-service: the dead-letter queue and its analytics. */
        Optional<String> dlq();

        /** producer-service: only its health is shown. */
        Optional<String> producer();
    }
}
