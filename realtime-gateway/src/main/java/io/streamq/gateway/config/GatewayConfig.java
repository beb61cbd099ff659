package io.streamq.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.List;

/** Settings of the realtime gateway ({@code streamq.gateway.*}); defaults suit one console on a laptop. */
@ConfigMapping(prefix = "streamq.gateway")
public interface GatewayConfig {

    /**
     * Browser origins allowed to open the WebSocket besides the gateway's own origin. Upgrades without an Origin
     * header (programs, not browsers) are not affected: Origin is a browser's statement, not authentication.
     */
    @WithDefault("http://localhost:8080,http://127.0.0.1:8080,http://localhost:3000,http://localhost:5173")
    List<String> allowedOrigins();

    /** Accept an Origin naming the same host:port the request was sent to (the console served by this gateway). */
    @WithDefault("true")
    boolean allowSameOrigin();

    /** How often the job events of a room are summed into one {@code job_summary} frame. */
    @WithDefault("250ms")
    @DurationMin(millis = 1)
    Duration coalesceInterval();

    /** Frames waiting for one slow client; past this the oldest coalescible frame is dropped. */
    @WithDefault("256")
    @Min(1)
    int outboxLimit();

    /**
     * Frames that are never dropped (alerts, DLQ events, owner actions, replies) may exceed {@link #outboxLimit()};
     * a client that falls this far behind is disconnected rather than letting the gateway's memory grow.
     */
    @WithDefault("2048")
    @Min(1)
    int outboxHardLimit();

    /**
     * Job rooms ({@code subscribe_job}) one connection may be in at once: each costs gateway memory, and the client
     * chooses how many to open.
     */
    @WithDefault("100")
    @Min(1)
    int maxJobRooms();

    /**
     * Client messages one connection may send per second, on average. Each subscribe costs a Redis read, so this
     * bounds what one connection can make the gateway spend; a console sends a few per page.
     */
    @WithDefault("50")
    @Min(1)
    int messageRate();

    /**
     * Client messages one connection may send at once above {@link #messageRate()} (a console opening a page of
     * job rooms). A client that keeps sending while limited is closed once it sent this many more.
     */
    @WithDefault("200")
    @Min(1)
    int messageBurst();

    /** Open connections of one authenticated subject on this instance; 0: no cap. */
    @WithDefault("20")
    @Min(0)
    int maxConnectionsPerSubject();

    /**
     * Open connections from one client IP on this instance (as {@code streamq.security.trusted-proxies} resolves
     * it); 0: no cap.
     */
    @WithDefault("200")
    @Min(0)
    int maxConnectionsPerIp();

    /** How long the latest message of each channel stays in Redis for clients that connect later. */
    @WithDefault("60s")
    @DurationMin(millis = 1)
    Duration latestTtl();

    /** Wait before subscribing to Redis again after the subscription connection was lost. */
    @WithDefault("1s")
    @DurationMin(millis = 1)
    Duration resubscribeDelay();
}
