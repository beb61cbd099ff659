package io.streamq.core.keys;

import java.time.LocalDate;

/**
 * Every Redis key of the analytics computed by workers (analytics.* and the digest of email.send-digest). All carry
 * the hash tag {@code {analytics}} so the scripts that touch several of them run atomically on one slot.
 * See docs/integrations.md.
 */
public final class AnalyticsKeys {

    public static final String TAG = "{analytics}";

    private AnalyticsKeys() {
    }

    private static String key(String suffix) {
        return "an:" + TAG + ":" + suffix;
    }

    /** Hash event name → count of one UTC day. */
    public static String dayCounts(LocalDate day) {
        return key("day:" + day + ":counts");
    }

    /** Hash {@code <event>|<property>=<value>} → count of one UTC day; bounded in fields. */
    public static String dayProperties(LocalDate day) {
        return key("day:" + day + ":props");
    }

    /** String: the JSON summary aggregate-daily wrote for one day. */
    public static String daySummary(LocalDate day) {
        return key("day:" + day + ":summary");
    }

    /** Zset, expiring: every named event of the day an aggregate-daily run is rolling up, by count (work state). */
    public static String aggregateEvents(String runId) {
        return key("agg:" + runId + ":events");
    }

    /** Zset, expiring: the top events an aggregate-daily run lists, by count (work state). */
    public static String aggregateListed(String runId) {
        return key("agg:" + runId + ":listed");
    }

    /** Hash, expiring: {@code total}, {@code otherEvents}, {@code otherProperties} of an aggregate-daily run. */
    public static String aggregateTotals(String runId) {
        return key("agg:" + runId + ":totals");
    }

    /**
     * Prefix of the run's zsets {@code <prefix><event>}: {@code <property>=<value>} by count of one listed event.
     * aggregate-day.lua builds those keys; they share the tag of this prefix.
     */
    public static String aggregatePropertiesPrefix(String runId) {
        return key("agg:" + runId + ":props:");
    }

    /** Zset of days (yyyy-mm-dd) that have events, scored by epoch day. */
    public static String days() {
        return key("days");
    }

    /** String with TTL: marks a track-event job as counted, so a retry or recovery does not count twice. */
    public static String counted(String jobId) {
        return key("counted:" + jobId);
    }

    /** List of the user's recent events (JSON), newest first; bounded and expiring. Feeds email digests. */
    public static String userRecent(String userId) {
        return key("user:" + userId + ":recent");
    }

    /** Hash of what analytics knows of a user (e.g. {@code email}), from event properties. */
    public static String userProfile(String userId) {
        return key("user:" + userId + ":profile");
    }

    /** String with TTL: a generated report's content. */
    public static String report(String reportId) {
        return key("report:" + reportId);
    }
}
