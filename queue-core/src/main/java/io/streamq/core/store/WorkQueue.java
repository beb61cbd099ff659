package io.streamq.core.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.config.QueueSettings;
import io.streamq.core.config.RemovalPolicy;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import io.streamq.core.job.ClaimedJob;
import io.streamq.core.job.Completion;
import io.streamq.core.job.HandBack;
import io.streamq.core.job.JobError;
import io.streamq.core.job.ReclaimBatch;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.limits.QueueLimits;
import io.streamq.core.limits.RateLimit;
import io.streamq.core.script.Commands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static io.streamq.core.store.Replies.orEmpty;

/** The consuming side of a queue: what workers do. Every method is one transition script, one round trip. */
@ApplicationScoped
public class WorkQueue {

    /** Pending entries one reclaim call looks at: bounded Redis work, however many jobs are running. */
    static final int RECLAIM_WINDOW = 1_000;

    private final ScriptRunner scripts;
    private final ReactiveRedisDataSource redis;
    private final QueueCatalog catalog;

    public WorkQueue(ScriptRunner scripts, ReactiveRedisDataSource redis, QueueCatalog catalog) {
        this.scripts = scripts;
        this.redis = redis;
        this.catalog = catalog;
    }

    public Uni<ClaimResult> claim(QueueName queue, String consumer, int max) {
        QueueKeys k = QueueKeys.of(queue);
        return scripts.run(limitDefaults(queue, ScriptCall.of(Commands.CLAIM)
                        .key("stream", k.stream()).key("counts", k.counts()).key("meta", k.meta())
                        .key("prioritized", k.prioritized()).key("prioritized stream", k.prioritizedStream())
                        .key("wake stream", k.wake()).key("limits", k.limits())
                        .arg("group", QueueKeys.CONSUMER_GROUP).arg("consumer", consumer).arg("max jobs", max)
                        .arg("jobPrefix", k.jobPrefix()).arg("queue", queue.wireName())
                        .arg("channel", Channels.JOB_EVENTS)))
                .map(reply -> switch (reply.get(0).toString()) {
                    case "paused" -> new ClaimResult.Paused();
                    case "limited" -> new ClaimResult.Limited(ClaimResult.Limit.fromWire(reply.get(1).toString()),
                            Duration.ofMillis(reply.get(2).toLong()));
                    case "empty" -> new ClaimResult.Empty(reply.get(1).toString(), reply.get(2).toString());
                    default -> new ClaimResult.Jobs(ClaimRows.read(Commands.CLAIM, queue, reply, 1));
                });
    }

    /**
     * Hands this consumer the jobs of workers silent for longer than the queue's visibility timeout, walking the
     * pending list from {@code cursor} (start with {@link ReclaimBatch#START}). On a paused queue they go back to
     * waiting instead and the batch holds no job.
     */
    public Uni<ReclaimBatch> reclaim(QueueName queue, String consumer, int max, String cursor) {
        QueueKeys k = QueueKeys.of(queue);
        long minIdle = catalog.settings(queue).visibilityTimeout().toMillis();
        return scripts.run(limitDefaults(queue, ScriptCall.of(Commands.RECLAIM)
                        .key("stream", k.stream()).key("counts", k.counts()).key("meta", k.meta())
                        .key("prioritized stream", k.prioritizedStream()).key("prioritized", k.prioritized())
                        .key("wake stream", k.wake()).key("limits", k.limits())
                        .arg("group", QueueKeys.CONSUMER_GROUP).arg("consumer", consumer).arg("min idle ms", minIdle)
                        .arg("max jobs", max).arg("jobPrefix", k.jobPrefix()).arg("queue", queue.wireName())
                        .arg("channel", Channels.JOB_EVENTS).arg("cursor", cursor)
                        .arg("pending entries looked at per call", RECLAIM_WINDOW)))
                .map(reply -> new ReclaimBatch(ClaimRows.read(Commands.RECLAIM, queue, reply, 1),
                        reply.get(0).toString()));
    }

    /** The queue config's start limits, which claim-limits.lua applies where the owner set none (0: no limit). */
    private ScriptCall limitDefaults(QueueName queue, ScriptCall call) {
        QueueLimits limits = catalog.settings(queue).limits();
        RateLimit rate = limits.rateLimit();
        return call.arg("default rate jobs", rate == null ? 0 : rate.jobs())
                .arg("default rate per ms", rate == null ? 0 : rate.perMs())
                .arg("default max active", limits.maxActive() == null ? 0 : limits.maxActive());
    }

    /**
     * Records completions of one queue in one round trip.
     *
     * @return per completion whether it was recorded (false: this consumer lost the job to recovery)
     */
    public Uni<List<Boolean>> complete(QueueName queue, String consumer, List<Completion> done) {
        QueueKeys k = QueueKeys.of(queue);
        RemovalPolicy keep = catalog.settings(queue).removeCompleted();
        ScriptCall call = ScriptCall.of(Commands.COMPLETE)
                .key("stream", k.stream()).key("counts", k.counts()).key("completed index", k.completed())
                .key("processing times", k.processingTimes()).key("dead stream", k.deadStream())
                .key("succeeded-after-DLQ index", k.succeededAfterDlq())
                .key("prioritized stream", k.prioritizedStream())
                .arg("group", QueueKeys.CONSUMER_GROUP).arg("consumer", consumer).arg("jobPrefix", k.jobPrefix())
                .arg("queue", queue.wireName()).arg("channel", Channels.JOB_EVENTS)
                .arg("minutePrefix", k.minutePrefix()).arg("keep count", keep.keepLast())
                .arg("keep age ms", keep.keepFor().toMillis()).arg("job count", done.size())
                .arg("finished channel", Channels.JOB_FINISHED);
        for (Completion c : done) {
            call.arg("entryId", c.job().entryId()).arg("jobId", c.job().jobId()).arg("durationMs", c.durationMs())
                    .arg("result", orEmpty(c.resultJson()));
        }
        return scripts.run(call)
                .map(reply -> {
                    List<Boolean> recorded = new ArrayList<>(reply.size());
                    reply.forEach(r -> recorded.add(r.toInteger() == 1));
                    return recorded;
                });
    }

    /**
     * The attempt failed and another follows after the backoff (at once, straight to waiting, when it is 0). False
     * when the job was lost to recovery.
     */
    public Uni<Boolean> retry(ClaimedJob job, String consumer, long backoffMs, long durationMs, JobError error) {
        QueueKeys k = QueueKeys.of(job.queue());
        return scripts.run(failure(ScriptCall.of(Commands.RETRY)
                        .key("stream", k.stream()).key("counts", k.counts()).key("delayed", k.delayed())
                        .key("failure counts", k.failureCounts()).key("failure last-seen", k.failureLastSeen())
                        .key("processing times", k.processingTimes())
                        .key("prioritized stream", k.prioritizedStream()).key("failure jobs", k.failureJobs())
                        .key("failure counted-since", k.failureCountedSince())
                        .key("prioritized", k.prioritized()).key("wake stream", k.wake())
                        .arg("group", QueueKeys.CONSUMER_GROUP).arg("consumer", consumer)
                        .arg("jobPrefix", k.jobPrefix()).arg("queue", job.queue().wireName())
                        .arg("channel", Channels.JOB_EVENTS).arg("minutePrefix", k.minutePrefix())
                        .arg("entryId", job.entryId()).arg("jobId", job.jobId()).arg("backoff ms", backoffMs)
                        .arg("durationMs", durationMs), error))
                .map(r -> r.toInteger() == 1);
    }

    /** The job failed for good: mark it failed and hand it to the DLQ. False when the job was lost to recovery. */
    public Uni<Boolean> failToDlq(ClaimedJob job, String consumer, long durationMs, JobError error) {
        QueueKeys k = QueueKeys.of(job.queue());
        RemovalPolicy keep = catalog.settings(job.queue()).removeFailed();
        return scripts.run(failure(ScriptCall.of(Commands.FAIL_TO_DLQ)
                        .key("stream", k.stream()).key("counts", k.counts()).key("failed index", k.failed())
                        .key("dead stream", k.deadStream()).key("failure counts", k.failureCounts())
                        .key("failure last-seen", k.failureLastSeen()).key("processing times", k.processingTimes())
                        .key("prioritized stream", k.prioritizedStream()).key("failure jobs", k.failureJobs())
                        .key("failure counted-since", k.failureCountedSince())
                        .arg("group", QueueKeys.CONSUMER_GROUP).arg("consumer", consumer)
                        .arg("jobPrefix", k.jobPrefix()).arg("queue", job.queue().wireName())
                        .arg("channel", Channels.JOB_EVENTS).arg("minutePrefix", k.minutePrefix())
                        .arg("keep count", keep.keepLast()).arg("keep age ms", keep.keepFor().toMillis())
                        .arg("entryId", job.entryId()).arg("jobId", job.jobId()).arg("durationMs", durationMs),
                        error).arg("finished channel", Channels.JOB_FINISHED))
                .map(r -> !"0".equals(r.toString()));
    }

    /** The error values retry and fail-to-dlq both end with. */
    private static ScriptCall failure(ScriptCall call, JobError error) {
        return call.arg("error code", error.code()).arg("error name", error.name())
                .arg("error message", orEmpty(error.message())).arg("error stack", orEmpty(error.stack()));
    }

    /** Puts a job this worker cannot run back to delayed, without spending an attempt. */
    public Uni<Boolean> defer(ClaimedJob job, String consumer, Duration delay, String reason) {
        QueueKeys k = QueueKeys.of(job.queue());
        return scripts.run(ScriptCall.of(Commands.DEFER)
                        .key("stream", k.stream()).key("counts", k.counts()).key("delayed", k.delayed())
                        .key("prioritized stream", k.prioritizedStream())
                        .arg("group", QueueKeys.CONSUMER_GROUP).arg("consumer", consumer)
                        .arg("jobPrefix", k.jobPrefix()).arg("queue", job.queue().wireName())
                        .arg("channel", Channels.JOB_EVENTS).arg("entryId", job.entryId()).arg("jobId", job.jobId())
                        .arg("delay ms", delay.toMillis()).arg("reason", reason))
                .map(r -> r.toInteger() == 1);
    }

    /** Moves due delayed jobs to waiting. */
    public Uni<Promotion> promote(QueueName queue, int max) {
        QueueKeys k = QueueKeys.of(queue);
        return scripts.run(ScriptCall.of(Commands.PROMOTE)
                        .key("delayed", k.delayed()).key("stream", k.stream()).key("counts", k.counts())
                        .key("prioritized", k.prioritized()).key("wake stream", k.wake())
                        .arg("jobPrefix", k.jobPrefix()).arg("queue", queue.wireName())
                        .arg("channel", Channels.JOB_EVENTS).arg("max jobs", max))
                .map(r -> new Promotion(r.get(0).toInteger(), r.get(1).toLong()));
    }

    /** @param nextDueInMs -1 when no delayed job is left */
    public record Promotion(int promoted, long nextDueInMs) {
    }

    /**
     * Renews the leases of jobs this consumer is still running.
     *
     * @return the entry ids still held; a job missing from it was taken over by another worker (or is no longer
     * active), and its outcome will be refused
     */
    public Uni<Set<String>> extendLeases(QueueName queue, String consumer, List<ClaimedJob> running) {
        if (running.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        QueueKeys k = QueueKeys.of(queue);
        ScriptCall call = ScriptCall.of(Commands.EXTEND_LEASE).key("stream", k.stream())
                .key("prioritized stream", k.prioritizedStream())
                .arg("group", QueueKeys.CONSUMER_GROUP).arg("consumer", consumer).arg("jobPrefix", k.jobPrefix());
        for (ClaimedJob job : running) {
            call.arg("entryId", job.entryId()).arg("jobId", job.jobId());
        }
        return scripts.run(call).map(WorkQueue::entryIds);
    }

    /**
     * Gives jobs this consumer holds back to waiting without spending their attempt (it will not run them); entries
     * that are pending for this consumer but no longer their job's current entry are dropped.
     */
    public Uni<HandBack> handBack(QueueName queue, String consumer, Collection<String> entryIds) {
        if (entryIds.isEmpty()) {
            return Uni.createFrom().item(new HandBack(0, 0));
        }
        QueueKeys k = QueueKeys.of(queue);
        ScriptCall call = ScriptCall.of(Commands.HAND_BACK).key("stream", k.stream()).key("counts", k.counts())
                .key("prioritized stream", k.prioritizedStream()).key("prioritized", k.prioritized())
                .key("wake stream", k.wake())
                .arg("group", QueueKeys.CONSUMER_GROUP).arg("consumer", consumer).arg("jobPrefix", k.jobPrefix())
                .arg("queue", queue.wireName()).arg("channel", Channels.JOB_EVENTS);
        entryIds.forEach(id -> call.arg("entryId", id));
        return scripts.run(call)
                .map(r -> new HandBack(r.get(0).toInteger(), r.get(1).toInteger()));
    }

    /**
     * The entries pending for this consumer in the stream and the prioritized stream (at most {@code max} of each):
     * after a claim whose answer was lost, the ones it is not running are what that claim took. The two streams' ids
     * never meet (see {@link QueueKeys#prioritizedStream()}), so the ids alone name the entries.
     */
    public Uni<Set<String>> pendingEntries(QueueName queue, String consumer, int max) {
        QueueKeys k = QueueKeys.of(queue);
        return Uni.combine().all()
                .unis(pendingIn(k.prioritizedStream(), consumer, max), pendingIn(k.stream(), consumer, max))
                .with((prioritized, stream) -> {
                    Set<String> ids = new LinkedHashSet<>(prioritized);
                    ids.addAll(stream);
                    return ids;
                });
    }

    private Uni<Set<String>> pendingIn(String stream, String consumer, int max) {
        return redis.execute(Command.XPENDING, stream, QueueKeys.CONSUMER_GROUP, "-", "+", Integer.toString(max),
                        consumer)
                .map(reply -> {
                    Set<String> ids = new LinkedHashSet<>();
                    if (reply != null) {
                        reply.forEach(p -> ids.add(p.get(0).toString()));
                    }
                    return ids;
                })
                .onFailure(WorkQueue::isNoGroup).recoverWithItem(Set.of());
    }

    private static boolean isNoGroup(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOGROUP");
    }

    private static Set<String> entryIds(Response reply) {
        Set<String> ids = new LinkedHashSet<>();
        reply.forEach(r -> ids.add(r.toString()));
        return ids;
    }

    /**
     * Waits up to {@code maxWait} for an entry of the stream newer than {@code empty}'s newest, or one of the wake
     * stream (a prioritized job started waiting), without consuming it, so an idle worker wakes the moment a job
     * arrives. Keep {@code maxWait} well below the client's command timeout.
     */
    public Uni<Void> awaitEntriesAfter(QueueName queue, ClaimResult.Empty empty, Duration maxWait) {
        QueueKeys k = QueueKeys.of(queue);
        return redis.execute(Command.XREAD, "COUNT", "1", "BLOCK", Long.toString(maxWait.toMillis()), "STREAMS",
                k.stream(), k.wake(), empty.newestEntryId(), empty.newestWakeId()).replaceWithVoid();
    }

    public QueueSettings settings(QueueName queue) {
        return catalog.settings(queue);
    }
}
