package io.streamq.worker.integration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.Optional;

/**
 * One client per integration, configured under {@code streamq.integrations}. An integration without its base URL
 * is not configured: its jobs fail with {@code integration-not-configured}. Per-type timeouts are the engine's
 * {@code streamq.job-timeout."<type>"}. See docs/integrations.md.
 */
@ConfigMapping(prefix = "streamq.integrations")
public interface IntegrationsConfig {

    /** Longest wait for a TCP (and TLS) connection to any integration. */
    @WithDefault("PT5S")
    @DurationMin(millis = 1)
    Duration connectTimeout();

    Ai ai();

    Workflows workflows();

    Plugins plugins();

    Email email();

    Analytics analytics();

    Maintenance maintenance();

    interface Ai {
        /** OpenAI-compatible API root, e.g. {@code https://api.example.com/v1}. */
        Optional<String> baseUrl();

        /** Sent as {@code Authorization: Bearer}; optional for self-hosted servers that need none. */
        Optional<String> apiKey();

        /** Model of summarize-document (generate-text and embed-content name theirs). */
        Optional<String> model();

        /** Model of moderate-content; the provider's default when absent. */
        Optional<String> moderationModel();

        @WithDefault("512")
        @Min(1)
        int summaryMaxTokens();
    }

    interface Workflows {
        /** The workflow engine's API root. */
        Optional<String> baseUrl();

        Optional<String> apiKey();
    }

    interface Plugins {
        /** Plugin registry root: manifests at {@code /plugins/<id>/versions/<version>/manifest}. */
        Optional<String> registryUrl();

        /** Largest plugin state a sync stores. */
        @WithDefault("262144")
        @Min(1)
        int maxStateBytes();
    }

    interface Email {
        /** Recipients of a bulk job sent concurrently, then recorded, per round. */
        @WithDefault("50")
        @Min(1)
        int bulkChunkSize();

        /** How long the per-recipient outcome of a bulk job is kept (covers all its retries). */
        @WithDefault("P7D")
        @DurationMin(millis = 1)
        Duration bulkTrackingTtl();

        /** Most recent events listed in a digest. */
        @WithDefault("20")
        @Min(1)
        int digestMaxEvents();
    }

    interface Analytics {
        /** How long daily counters and summaries are kept. */
        @WithDefault("P400D")
        @DurationMin(millis = 1)
        Duration dayTtl();

        /**
         * Bound of a day's distinct event names: fields of the day's event hash, its {@code ~other} included. Names
         * beyond it are counted in {@code ~other}, their properties in the breakdown's {@code ~other}.
         */
        @WithDefault("5000")
        @Min(1)
        int maxEventsPerDay();

        /** Bound of the property breakdown of a day: fields of the day's property hash, its ~other included. */
        @WithDefault("5000")
        @Min(1)
        int maxPropertyFieldsPerDay();

        /** Property values longer than this are cut. */
        @WithDefault("100")
        @Min(1)
        int maxValueLength();

        /** Events a daily summary lists, by count; the rest are counted in its omittedEvents. */
        @WithDefault("50")
        @Min(1)
        int topEvents();

        /** Properties listed per event of a daily summary, by count; the rest are counted in its omittedProperties. */
        @WithDefault("10")
        @Min(1)
        int topProperties();

        /**
         * About how many fields of a day hash one Redis call of the daily roll-up or of a report reads (HSCAN's
         * COUNT), so no call holds Redis for long whatever the size of the day.
         */
        @WithDefault("500")
        @Min(1)
        int fieldsPerCall();

        /** Recent events kept per user (for digests). */
        @WithDefault("200")
        @Min(1)
        int userRecentMax();

        @WithDefault("P8D")
        @DurationMin(millis = 1)
        Duration userRecentTtl();

        @WithDefault("P7D")
        @DurationMin(millis = 1)
        Duration reportTtl();

        /** Largest report stored; larger ones fail with report-too-large. */
        @WithDefault("1048576")
        @Min(1)
        int reportMaxBytes();

        /** Reports up to this size are also inlined in the job's result. */
        @WithDefault("16384")
        @Min(0)
        int reportInlineBytes();

        @WithDefault("366")
        @Min(1)
        int reportMaxDays();

        /**
         * How often a worker publishes its tracked-event counts to the analytics room (one message per interval at
         * most, however many events it tracked); see docs/realtime.md.
         */
        @WithDefault("PT1S")
        @DurationMin(millis = 100)
        Duration liveInterval();
    }

    interface Maintenance {
        /** Most jobs cleanup deletes per index per script call (one call keeps Redis busy only briefly). */
        @WithDefault("500")
        @Min(1)
        int cleanupBatch();
    }
}
