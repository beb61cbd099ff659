package io.streamq.core.keys;

import io.streamq.core.contract.QueueName;

/**
 * Every Redis key of one queue. All carry the queue's hash tag {@code {name}} so one Lua script can touch
 * them atomically, and so they live on one node of a Redis Cluster. See docs/architecture.md.
 */
public record QueueKeys(QueueName queue, String tag) {

    public static QueueKeys of(QueueName queue) {
        return new QueueKeys(queue, "{" + queue.wireName() + "}");
    }

    private String key(String suffix) {
        return "q:" + tag + ":" + suffix;
    }

    /** Ready jobs: one entry per delivery, consumed by {@link #CONSUMER_GROUP}. */
    public String stream() {
        return key("stream");
    }

    /**
     * Waiting jobs of a priority other than the default: job ids scored so that lower priorities come first, first in
     * first out within one (see commands/includes/priority.lua). They have no entry in {@link #stream()}.
     */
    public String prioritized() {
        return key("prioritized");
    }

    /**
     * Leases of active prioritized jobs: one entry per claim, pending for the worker, ids {@code 0-<n>} (below every
     * id of {@link #stream()}, so an entry id names its stream); consumed by {@link #CONSUMER_GROUP}.
     */
    public String prioritizedStream() {
        return key("prioritized-stream");
    }

    /** One entry at most, added when a prioritized job starts waiting: idle workers block on it beside the stream. */
    public String wake() {
        return key("wake");
    }

    /** Hand-off of jobs that failed for good; dlq-service reads it with its own consumer group. */
    public String deadStream() {
        return key("dead");
    }

    /** Prefix of the per-job hashes; scripts append the job id. */
    public String jobPrefix() {
        return key("job:");
    }

    public String job(String jobId) {
        return jobPrefix() + jobId;
    }

    /** The job's payload, kept beside its hash so the hash stays compact (see commands/includes/job-payload.lua). */
    public String payload(String jobId) {
        return job(jobId) + ":payload";
    }

    /**
     * List of the job's log lines (JSON {@code {"at", "attempt", "line"}}), oldest first, bounded; deleted with the job
     * (commands/includes/job-payload.lua).
     */
    public String logs(String jobId) {
        return job(jobId) + ":logs";
    }

    public String sequence() {
        return key("seq");
    }

    public String delayed() {
        return key("delayed");
    }

    public String completed() {
        return key("completed");
    }

    /** Ids of jobs that succeeded after they had been dead-lettered, by finish time; replay refuses them. */
    public String succeededAfterDlq() {
        return key("dlq-succeeded");
    }

    public String failed() {
        return key("failed");
    }

    /** Cancelled job ids by finish time; trimmed by the failed-jobs removal policy. */
    public String cancelled() {
        return key("cancelled");
    }

    /** Hash of live counters (waiting, active) and lifetime totals. */
    public String counts() {
        return key("counts");
    }

    /** The field of {@link #meta()} that pauses the queue while it is {@code "1"} (set-paused.lua). */
    public static final String PAUSED_FIELD = "paused";

    /** Hash of queue flags such as paused. */
    public String meta() {
        return key("meta");
    }

    /**
     * Hash of the owner's overrides of the start limits ({@code rate}, {@code maxActive}) and the rate bucket
     * ({@code tat}); see commands/includes/claim-limits.lua.
     */
    public String limits() {
        return key("limits");
    }

    public String idempotencyPrefix() {
        return key("idem:");
    }

    /** Per-minute counters: prefix + epoch minute. */
    public String minutePrefix() {
        return key("minute:");
    }

    /** The last 1,000 processing times in ms, newest first. */
    public String processingTimes() {
        return key("ptimes");
    }

    /** Failure reason to the number of failed attempts with it. */
    public String failureCounts() {
        return key("failures");
    }

    /** Failure reason to the number of distinct jobs that failed with it (see commands/includes/failure-reasons.lua). */
    public String failureJobs() {
        return key("failures:jobs");
    }

    /**
     * Failure reason to when its counts started (ms): a reason dropped by the bound and seen again starts afresh,
     * and the job markers from before no longer match (see commands/includes/failure-reasons.lua).
     */
    public String failureCountedSince() {
        return key("failures:since");
    }

    /** Failure reason scored by when it was last seen, to bound and order the reasons. */
    public String failureLastSeen() {
        return key("failures:seen");
    }

    /** Prefix of the queue's schedule hashes (definition, runs, next due time); scripts append the schedule id. */
    public String schedulePrefix() {
        return key("schedule:");
    }

    public String schedule(String scheduleId) {
        return schedulePrefix() + scheduleId;
    }

    /** Zset of the queue's enabled, unfinished schedules by next due time (ms): what the firing loop reads. */
    public String schedules() {
        return key("schedules");
    }

    /** Report cache key {@code q:stats:<queue>} (written by monitor-service, TTL 10 s). */
    public String statsCache() {
        return "q:stats:" + tag;
    }

    /** Report cache key {@code q:throughput:<queue>} (TTL 60 s). */
    public String throughputCache() {
        return "q:throughput:" + tag;
    }

    /** Report cache key {@code q:health:<queue>} (TTL 60 s). */
    public String healthCache() {
        return "q:health:" + tag;
    }

    public static final String CONSUMER_GROUP = "workers";
    public static final String DLQ_CONSUMER_GROUP = "dlq";
}
