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
import io.streamq.core.script.Commands;
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

    private static final int CLAIM_ROW = 11;
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
        return scripts.run(Commands.CLAIM, List.of(k.stream(), k.counts(), k.meta()),
                        List.of(QueueKeys.CONSUMER_GROUP, consumer, Integer.toString(max), k.jobPrefix(),
                                queue.wireName(), Channels.JOB_EVENTS))
                .map(reply -> switch (reply.get(0).toString()) {
                    case "paused" -> new ClaimResult.Paused();
                    case "empty" -> new ClaimResult.Empty(reply.get(1).toString());
                    default -> new ClaimResult.Jobs(rows(queue, reply, 1));
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
        return scripts.run(Commands.RECLAIM, List.of(k.stream(), k.counts(), k.meta()),
                        List.of(QueueKeys.CONSUMER_GROUP, consumer, Long.toString(minIdle), Integer.toString(max),
                                k.jobPrefix(), queue.wireName(), Channels.JOB_EVENTS, cursor,
                                Integer.toString(RECLAIM_WINDOW)))
                .map(reply -> new ReclaimBatch(rows(queue, reply, 1), reply.get(0).toString()));
    }

    private static List<ClaimedJob> rows(QueueName queue, Response reply, int from) {
        List<ClaimedJob> jobs = new ArrayList<>((reply.size() - from) / CLAIM_ROW);
        for (int i = from; i + CLAIM_ROW <= reply.size(); i += CLAIM_ROW) {
            // A field a script read as nil arrives as null; a job with one must still run or fail, not stall the loop.
            jobs.add(new ClaimedJob(queue, reply.get(i).toString(), reply.get(i + 1).toString(),
                    orEmpty(Replies.text(reply.get(i + 2))), orEmpty(Replies.text(reply.get(i + 3))),
                    Replies.integer(reply.get(i + 4), 1), Replies.integer(reply.get(i + 5), 1),
                    orZero(reply.get(i + 6)), orZero(reply.get(i + 7)), orEmpty(Replies.text(reply.get(i + 8))),
                    orEmpty(Replies.text(reply.get(i + 9))), orEmpty(Replies.text(reply.get(i + 10)))));
        }
        return jobs;
    }

    private static long orZero(Response r) {
        Long n = Replies.number(r);
        return n == null ? 0 : n;
    }

    /**
     * Records completions of one queue in one round trip.
     *
     * @return per completion whether it was recorded (false: this consumer lost the job to recovery)
     */
    public Uni<List<Boolean>> complete(QueueName queue, String consumer, List<Completion> done) {
        QueueKeys k = QueueKeys.of(queue);
        RemovalPolicy keep = catalog.settings(queue).removeCompleted();
        List<String> args = new ArrayList<>(9 + done.size() * 4);
        args.add(QueueKeys.CONSUMER_GROUP);
        args.add(consumer);
        args.add(k.jobPrefix());
        args.add(queue.wireName());
        args.add(Channels.JOB_EVENTS);
        args.add(k.minutePrefix());
        args.add(Integer.toString(keep.keepLast()));
        args.add(Long.toString(keep.keepFor().toMillis()));
        args.add(Integer.toString(done.size()));
        for (Completion c : done) {
            args.add(c.job().entryId());
            args.add(c.job().jobId());
            args.add(Long.toString(c.durationMs()));
            args.add(orEmpty(c.resultJson()));
        }
        return scripts.run(Commands.COMPLETE,
                        List.of(k.stream(), k.counts(), k.completed(), k.processingTimes(), k.deadStream(),
                                k.succeededAfterDlq()), args)
                .map(reply -> {
                    List<Boolean> recorded = new ArrayList<>(reply.size());
                    reply.forEach(r -> recorded.add(r.toInteger() == 1));
                    return recorded;
                });
    }

    /** The attempt failed and another follows after the backoff. False when the job was lost to recovery. */
    public Uni<Boolean> retry(ClaimedJob job, String consumer, long backoffMs, long durationMs, JobError error) {
        QueueKeys k = QueueKeys.of(job.queue());
        return scripts.run(Commands.RETRY,
                        List.of(k.stream(), k.counts(), k.delayed(), k.failureCounts(), k.failureLastSeen(),
                                k.processingTimes()),
                        List.of(QueueKeys.CONSUMER_GROUP, consumer, k.jobPrefix(), job.queue().wireName(),
                                Channels.JOB_EVENTS, k.minutePrefix(), job.entryId(), job.jobId(),
                                Long.toString(backoffMs), Long.toString(durationMs), error.code(), error.name(),
                                orEmpty(error.message()), orEmpty(error.stack())))
                .map(r -> r.toInteger() == 1);
    }

    /** The job failed for good: mark it failed and hand it to the DLQ. False when the job was lost to recovery. */
    public Uni<Boolean> failToDlq(ClaimedJob job, String consumer, long durationMs, JobError error) {
        QueueKeys k = QueueKeys.of(job.queue());
        RemovalPolicy keep = catalog.settings(job.queue()).removeFailed();
        return scripts.run(Commands.FAIL_TO_DLQ,
                        List.of(k.stream(), k.counts(), k.failed(), k.deadStream(), k.failureCounts(),
                                k.failureLastSeen(), k.processingTimes()),
                        List.of(QueueKeys.CONSUMER_GROUP, consumer, k.jobPrefix(), job.queue().wireName(),
                                Channels.JOB_EVENTS, k.minutePrefix(), Integer.toString(keep.keepLast()),
                                Long.toString(keep.keepFor().toMillis()), job.entryId(), job.jobId(),
                                Long.toString(durationMs), error.code(), error.name(), orEmpty(error.message()),
                                orEmpty(error.stack())))
                .map(r -> !"0".equals(r.toString()));
    }

    /** Puts a job this worker cannot run back to delayed, without spending an attempt. */
    public Uni<Boolean> defer(ClaimedJob job, String consumer, Duration delay, String reason) {
        QueueKeys k = QueueKeys.of(job.queue());
        return scripts.run(Commands.DEFER, List.of(k.stream(), k.counts(), k.delayed()),
                        List.of(QueueKeys.CONSUMER_GROUP, consumer, k.jobPrefix(), job.queue().wireName(),
                                Channels.JOB_EVENTS, job.entryId(), job.jobId(), Long.toString(delay.toMillis()),
                                reason))
                .map(r -> r.toInteger() == 1);
    }

    /** Moves due delayed jobs to waiting. */
    public Uni<Promotion> promote(QueueName queue, int max) {
        QueueKeys k = QueueKeys.of(queue);
        return scripts.run(Commands.PROMOTE, List.of(k.delayed(), k.stream(), k.counts()),
                        List.of(k.jobPrefix(), queue.wireName(), Channels.JOB_EVENTS, Integer.toString(max)))
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
        List<String> args = new ArrayList<>(3 + running.size() * 2);
        args.add(QueueKeys.CONSUMER_GROUP);
        args.add(consumer);
        args.add(k.jobPrefix());
        for (ClaimedJob job : running) {
            args.add(job.entryId());
            args.add(job.jobId());
        }
        return scripts.run(Commands.EXTEND_LEASE, List.of(k.stream()), args).map(WorkQueue::entryIds);
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
        List<String> args = new ArrayList<>(5 + entryIds.size());
        args.add(QueueKeys.CONSUMER_GROUP);
        args.add(consumer);
        args.add(k.jobPrefix());
        args.add(queue.wireName());
        args.add(Channels.JOB_EVENTS);
        args.addAll(entryIds);
        return scripts.run(Commands.HAND_BACK, List.of(k.stream(), k.counts()), args)
                .map(r -> new HandBack(r.get(0).toInteger(), r.get(1).toInteger()));
    }

    /**
     * The entries pending for this consumer (at most {@code max}): after a claim whose answer was lost, the ones it
     * is not running are what that claim took.
     */
    public Uni<Set<String>> pendingEntries(QueueName queue, String consumer, int max) {
        return redis.execute(Command.XPENDING, QueueKeys.of(queue).stream(), QueueKeys.CONSUMER_GROUP, "-", "+",
                        Integer.toString(max), consumer)
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
     * Waits up to {@code maxWait} for an entry newer than {@code afterEntryId}, without consuming it, so an idle
     * worker wakes the moment a job arrives. Keep {@code maxWait} well below the client's command timeout.
     */
    public Uni<Void> awaitEntriesAfter(QueueName queue, String afterEntryId, Duration maxWait) {
        return redis.execute(Command.XREAD, "COUNT", "1", "BLOCK", Long.toString(maxWait.toMillis()), "STREAMS",
                QueueKeys.of(queue).stream(), afterEntryId).replaceWithVoid();
    }

    public QueueSettings settings(QueueName queue) {
        return catalog.settings(queue);
    }
}
