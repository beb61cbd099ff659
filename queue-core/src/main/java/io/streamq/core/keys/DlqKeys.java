package io.streamq.core.keys;

/**
 * Every Redis key of the dead-letter store (dlq-service). All carry the hash tag {@code {dlq}}, so each DLQ script
 * touches one hash slot: atomic, one round trip, unchanged on Redis Cluster. The DLQ scripts receive
 * {@link #ROOT} and build the per-entry and per-value keys from it with the same suffixes as this class
 * ({@code commands/includes/dlq-keys.lua} mirrors it); the slot is the same, so that is cluster-safe.
 * See docs/dlq.md for what each key holds.
 */
public final class DlqKeys {

    public static final String ROOT = "dlq:{dlq}:";

    private DlqKeys() {
    }

    /** Hash: the full record of one entry (id = the original job id). */
    public static String entry(String id) {
        return ROOT + "entry:" + id;
    }

    /** Zset of every entry id by lastFailedAt. */
    public static String all() {
        return ROOT + "idx:all";
    }

    /** Zset of the entries of one original queue by lastFailedAt. */
    public static String byQueue(String queue) {
        return ROOT + "idx:queue:" + queue;
    }

    /** Zset of the entries of one job name by lastFailedAt. */
    public static String byJobName(String jobName) {
        return ROOT + "idx:name:" + jobName;
    }

    /** Zset of the entries of one error code by lastFailedAt. */
    public static String byErrorCode(String errorCode) {
        return ROOT + "idx:code:" + errorCode;
    }

    /** Zset of every entry id by replayCount. */
    public static String replays() {
        return ROOT + "idx:replays";
    }

    /** Zset of the entries of one queue by replayCount (clear and list with queue + minReplayCount). */
    public static String replays(String queue) {
        return ROOT + "idx:replays:" + queue;
    }

    /** Zset: original queue → number of entries. */
    public static String countByQueue() {
        return ROOT + "count:queue";
    }

    /** Zset: job name → number of entries. */
    public static String countByJobName() {
        return ROOT + "count:name";
    }

    /** Zset: error code → number of entries. */
    public static String countByErrorCode() {
        return ROOT + "count:code";
    }

    /** Zset: error-message fingerprint → number of entries. */
    public static String countByReason() {
        return ROOT + "count:reason";
    }

    /** Hash: error-message fingerprint → an example message. */
    public static String reasonExamples() {
        return ROOT + "reason:example";
    }

    /** Hash of one hour (epoch ms / 3,600,000): {@code total} and {@code q:<queue>} entries last failed in it. */
    public static String hour(long epochHour) {
        return ROOT + "hour:" + epochHour;
    }

    /**
     * Hash: {@code sumFirstFailedSec} (the entries' firstFailedAt in whole seconds, summed, for the average age),
     * {@code retentionDropped}, {@code duplicates}.
     */
    public static String stats() {
        return ROOT + "stats";
    }

    /** String: the replay lock of one entry (a random token, PX). */
    public static String replayLock(String id) {
        return ROOT + "lock:" + id;
    }

    /** Zset: ids of entries an owner deleted → when (ms), so a re-forwarded record cannot bring them back. */
    public static String tombstones() {
        return ROOT + "tombstones";
    }

    /** Hash: id of a deleted entry → the lastFailedAt it had; records up to that failure stay out. */
    public static String tombstoneFailedAt() {
        return ROOT + "tombstone:failedAt";
    }

    /**
     * Zset: ids of jobs with no entry whose success was forwarded → finishedAt; applied when the failure arrives
     * (forwarded after its success, after a takeover). Bounded like the tombstones.
     */
    public static String pendingSuccesses() {
        return ROOT + "pending-success";
    }

    /** Hash: one background clear (state, filters, cutoff, index range and cursor, target, removed, audit facts). */
    public static String task(String id) {
        return ROOT + "task:" + id;
    }

    /** Zset: ids of the running clear tasks → their last heartbeat (ms). */
    public static String runningTasks() {
        return ROOT + "tasks:running";
    }
}
