package io.streamq.monitor.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** How monitor-service collects and caches metrics (docs/metrics.md). */
@ConfigMapping(prefix = "streamq.monitor")
public interface MonitorConfig {

    /** Period of the background refresh. */
    @WithDefault("10s")
    @DurationMin(millis = 1)
    Duration refreshEvery();

    /** Off in tests, which refresh explicitly. */
    @WithDefault("true")
    boolean schedulerEnabled();

    /** TTL of {@code q:stats:<queue>}. */
    @WithDefault("10s")
    @DurationMin(millis = 1)
    Duration statsTtl();

    /** TTL of {@code q:throughput:<queue>}. */
    @WithDefault("60s")
    @DurationMin(millis = 1)
    Duration throughputTtl();

    /** TTL of {@code q:health:<queue>}. */
    @WithDefault("60s")
    @DurationMin(millis = 1)
    Duration healthTtl();

    /** Minutes of per-minute facts behind throughput, rates and backlog growth. */
    @WithDefault("5")
    @Min(1)
    int windowMinutes();

    /** Processing times behind the average and quantiles: the last this many. */
    @WithDefault("1000")
    @Min(1)
    int processingSamples();

    /** Least time between two alerts of one queue; a change within it is held back, never a storm. */
    @WithDefault("5m")
    @DurationMin(millis = 0)
    Duration alertCooldown();

    /** Jobs a search looks at per state before it says it was limited. */
    @WithDefault("2000")
    @Min(1)
    int searchScanLimit();

    /**
     * Payload bytes a search reads (about) before it says it was limited, whatever the jobs count: it runs as
     * several short script calls, and this bounds their sum per request.
     */
    @WithDefault("8M")
    MemorySize searchByteLimit();

    /**
     * How deep page/pageSize reach into waiting and active: the stream has no offset, so a page there costs Redis
     * its depth. Deeper pages continue with the cursor, at any depth.
     */
    @WithDefault("2000")
    @Min(1)
    int streamPageDepth();

    /** Jobs per purge script call: bounds the time Redis spends in one call. */
    @WithDefault("500")
    @Min(1)
    int purgeBatch();

    /**
     * Jobs a cancel by filter looks at per call, the proposal and the confirmed cancel alike (waiting, delayed and
     * active together): each call is a bounded run of short script calls, and a larger backlog takes another call.
     */
    @WithDefault("10000")
    @Min(1)
    int cancelFilterLimit();

    Platform platform();

    /**
     * The other services whose readiness {@code GET /owner/platform/health} reports, by base URL (the in-cluster
     * Service, e.g. {@code http://producer-service:8081}); one left unset is reported {@code NOT_CONFIGURED}.
     */
    interface Platform {
        Optional<URI> producerUrl();

        Optional<URI> dlqUrl();

        Optional<URI> gatewayUrl();

        /** How long one probe (a service's readiness, Redis's PING and INFO) may take before it counts as failed. */
        @WithDefault("2s")
        @DurationMin(millis = 1)
        Duration timeout();
    }
}
