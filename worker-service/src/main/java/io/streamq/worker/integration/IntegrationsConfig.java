package io.streamq.worker.integration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

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
        int maxStateBytes();
    }

    interface Email {
        /** Recipients of a bulk job sent concurrently, then recorded, per round. */
        @WithDefault("50")
        int bulkChunkSize();

        /** How long the per-recipient outcome of a bulk job is kept (covers all its retries). */
        @WithDefault("P7D")
        Duration bulkTrackingTtl();

        /** Most recent events listed in a digest. */
        @WithDefault("20")
        int digestMaxEvents();
    }

    interface Analytics {
        /** How long daily counters and summaries are kept. */
        @WithDefault("P400D")
        Duration dayTtl();

        /**
         * Bound of a day's distinct event names: fields of the day's event hash, its {@code ~other} included. Names
         * beyond it are counted in {@code ~other}, their properties in the breakdown's {@code ~other}.
         */
        @WithDefault("5000")
        int maxEventsPerDay();

        /** Bound of the property breakdown of a day: fields of the day's property hash, its ~other included. */
        @WithDefault("5000")
        int maxPropertyFieldsPerDay();

        /** Property values longer than this are cut. */
        @WithDefault("100")
        int maxValueLength();

        /** Events a daily summary lists, by count; the rest are counted in its omittedEvents. */
        @WithDefault("50")
        int topEvents();

        /** Properties listed per event of a daily summary, by count; the rest are counted in its omittedProperties. */
        @WithDefault("10")
        int topProperties();

        /** Hash fields one script call of the daily roll-up reads at most, so no call holds Redis for long. */
        @WithDefault("500")
        int aggregateFieldsPerCall();

        /** Recent events kept per user (for digests). */
        @WithDefault("200")
        int userRecentMax();

        @WithDefault("P8D")
        Duration userRecentTtl();

        @WithDefault("P7D")
        Duration reportTtl();

        /** Largest report stored; larger ones fail with report-too-large. */
        @WithDefault("1048576")
        int reportMaxBytes();

        /** Reports up to this size are also inlined in the job's result. */
        @WithDefault("16384")
        int reportInlineBytes();

        @WithDefault("366")
        int reportMaxDays();
    }

    interface Maintenance {
        /** Most jobs cleanup deletes per index per script call (one call keeps Redis busy only briefly). */
        @WithDefault("500")
        int cleanupBatch();
    }
}
