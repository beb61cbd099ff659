package io.streamq.core.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.Channels;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.script.DlqCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.streamq.core.store.Replies.orEmpty;

/**
 * The dead-letter store: every transition of a DLQ entry is one script on the {@code {dlq}} slot, so entry,
 * indexes and analytics counters change together. Every script call holds Redis, and all queues on it wait
 * meanwhile, so no call inserts more than {@link #INSERT_BATCH} (and {@link #PAYLOAD_BYTES} of payload) or marks or
 * removes more than {@link #MAX_BATCH} entries: larger requests are split here. Lists, walks and analytics read it
 * through {@link io.streamq.core.store.dlq.DlqQueries}. See docs/dlq.md.
 */
@ApplicationScoped
public class DlqStore {

    /** Longest error message kept as the example of an error reason. */
    public static final int EXAMPLE_MAX = 500;
    /**
     * Most entries one script call marks or removes: about 3 ms of Redis CPU at 1,000,000 entries, so a call's rare
     * slow tail (seen at four to five times the mean with 200) stays well under the 20 ms rule.
     */
    public static final int MAX_BATCH = 100;
    /**
     * Most records one insert stores: an insert that also drops as many for the count bound costs about twice a
     * removal, so it gets half the batch.
     */
    public static final int INSERT_BATCH = 50;
    /**
     * Most payload bytes one insert carries, and one pipelined read of entries brings back: payloads are stored
     * whole (a workflow input can be 2 MB), and Redis copies each into the call or its output buffer. A single
     * larger payload goes alone.
     */
    public static final long PAYLOAD_BYTES = 1L << 20;

    private final ScriptRunner scripts;
    private final ReactiveRedisDataSource redis;

    public DlqStore(ScriptRunner scripts, ReactiveRedisDataSource redis) {
        this.scripts = scripts;
        this.redis = redis;
    }

    /**
     * Stores records idempotently (see {@code dlq-insert.lua}), at most {@link #INSERT_BATCH} records and
     * {@link #PAYLOAD_BYTES} of payload per script call.
     *
     * @param maxEntries  the retention count bound applied in the same call; 0 for none
     * @param hourBucketTtl how long an hour's counters live after the hour ends (more than 48 h for trends)
     */
    public Uni<DlqInsertResult> insert(List<DlqRecord> records, long maxEntries, Duration hourBucketTtl) {
        return inTurn(Batches.of(records, INSERT_BATCH, PAYLOAD_BYTES, r -> Batches.utf8Length(r.payload())),
                        part -> insertBatch(part, maxEntries, hourBucketTtl).map(List::of))
                .map(results -> {
                    List<String> statuses = new ArrayList<>(records.size());
                    long dropped = 0;
                    for (DlqInsertResult r : results) {
                        statuses.addAll(r.statuses());
                        dropped += r.dropped();
                    }
                    return new DlqInsertResult(statuses, dropped);
                });
    }

    private Uni<DlqInsertResult> insertBatch(List<DlqRecord> records, long maxEntries, Duration hourBucketTtl) {
        ScriptCall call = ScriptCall.of(DlqCommands.INSERT).key("idx:all", DlqKeys.all()).key("stats", DlqKeys.stats())
                .arg("root", DlqKeys.ROOT).arg("channel", Channels.DLQ_EVENTS)
                .arg("hour bucket ttl ms", hourBucketTtl.toMillis()).arg("max entries", Math.max(0, maxEntries))
                .arg("record count", records.size());
        for (DlqRecord r : records) {
            String message = orEmpty(r.errorMessage());
            call.arg("id", r.originalJobId()).arg("queue", r.originalQueue()).arg("name", r.originalJobName())
                    .arg("errorName", orEmpty(r.errorName())).arg("errorMessage", message)
                    .arg("errorStack", orEmpty(r.errorStack())).arg("errorCode", r.errorCode())
                    .arg("firstFailedAt", r.firstFailedAt()).arg("lastFailedAt", r.lastFailedAt())
                    .arg("attemptsMade", r.attemptsMade()).arg("payload", orEmpty(r.payload()))
                    .arg("tenantId", orEmpty(r.tenantId())).arg("workspaceId", orEmpty(r.workspaceId()))
                    .arg("actorId", orEmpty(r.actorId())).arg("replayCount", r.replayCount())
                    .arg("fingerprint", r.fingerprint())
                    .arg("example", message.length() > EXAMPLE_MAX ? message.substring(0, EXAMPLE_MAX) : message);
        }
        return scripts.run(call).map(reply -> {
            List<String> statuses = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                statuses.add(reply.get(i).toString());
            }
            return new DlqInsertResult(statuses, reply.get(records.size()).toLong());
        });
    }

    /**
     * Records that dead-lettered jobs ran again and succeeded (see {@code dlq-mark-succeeded.lua}); per record
     * {@code succeeded}, {@code pending} (no entry yet: kept until its failure is stored), {@code duplicate} or
     * {@code stale}.
     */
    public Uni<List<String>> markSucceeded(List<DlqSuccess> successes) {
        return inTurn(Batches.of(successes, MAX_BATCH), part -> {
            ScriptCall call = ScriptCall.of(DlqCommands.MARK_SUCCEEDED).key("stats", DlqKeys.stats())
                    .arg("root", DlqKeys.ROOT).arg("channel", Channels.DLQ_EVENTS).arg("record count", part.size());
            for (DlqSuccess s : part) {
                call.arg("id", s.originalJobId()).arg("finishedAt", s.finishedAt())
                        .arg("attemptsMade", s.attemptsMade());
            }
            return scripts.run(call).map(DlqStore::texts);
        });
    }

    public Uni<Optional<DlqEntry>> find(String id) {
        return redis.hash(String.class).hgetall(DlqKeys.entry(id))
                .map(h -> Optional.ofNullable(DlqEntry.parse(id, h)));
    }

    /**
     * Records a replay that was just enqueued. Idempotent: the entry's count becomes {@code replayCount}, the number
     * this replay was made with, however often this runs and whether or not the replayed job's next failure was
     * stored first. The limit is checked again inside the script.
     */
    public Uni<DlqReplayMark> markReplayed(String id, String actor, int replayCount, int maxReplays) {
        return scripts.run(ScriptCall.of(DlqCommands.MARK_REPLAYED)
                        .key("idx:replays", DlqKeys.replays()).key("entry hash", DlqKeys.entry(id))
                        .arg("root", DlqKeys.ROOT).arg("channel", Channels.DLQ_EVENTS).arg("id", id)
                        .arg("replay number", replayCount).arg("max replays", maxReplays)
                        .arg("actor", orEmpty(actor)))
                .map(r -> switch (r.toString()) {
                    case "missing" -> new DlqReplayMark.Missing();
                    case "limit" -> new DlqReplayMark.LimitReached();
                    default -> new DlqReplayMark.Marked(r.toInteger());
                });
    }

    /** An owner deletes entries (each leaves a tombstone); per id whether it existed. */
    public Uni<List<Boolean>> delete(List<String> ids, String actor) {
        return inTurn(Batches.of(ids, MAX_BATCH), part -> {
            ScriptCall call = ScriptCall.of(DlqCommands.DELETE).key("idx:all", DlqKeys.all())
                    .key("stats", DlqKeys.stats()).arg("root", DlqKeys.ROOT).arg("channel", Channels.DLQ_EVENTS)
                    .arg("actor", orEmpty(actor));
            part.forEach(id -> call.arg("id", id));
            return scripts.run(call).map(reply -> {
                List<Boolean> out = new ArrayList<>(reply.size());
                reply.forEach(r -> out.add(r.toInteger() == 1));
                return out;
            });
        });
    }

    /** Records a confirmed clear as a running task; answers its start time. */
    public Uni<Long> startTask(DlqTask task) {
        return scripts.run(ScriptCall.of(DlqCommands.TASK_START)
                        .key("task hash", DlqKeys.task(task.id())).key("running tasks", DlqKeys.runningTasks())
                        .arg("task id", task.id()).arg("source index", task.index())
                        .arg("min score", task.minScore()).arg("max score", task.maxScore())
                        .arg("cutoff", task.cutoff()).arg("target", task.target())
                        .arg("originalQueue", orEmpty(task.originalQueue()))
                        .arg("minReplayCount", task.minReplayCount() == null ? "" : task.minReplayCount().toString())
                        .arg("actor", orEmpty(task.actor())).arg("audit attempt id", orEmpty(task.attemptId()))
                        .arg("client ip", orEmpty(task.clientIp())).arg("request id", orEmpty(task.requestId())))
                .map(Response::toLong);
    }

    /**
     * One step of a clear task: looks at the next {@code batch} (at most {@link #MAX_BATCH}) members of the task's
     * index after its cursor and removes those that last failed at or before its cutoff (see
     * {@code dlq-clear-batch.lua}); empty when the task is no longer running.
     */
    public Uni<Optional<DlqClearPass>> clearBatch(DlqTask task, int batch) {
        return scripts.run(ScriptCall.of(DlqCommands.CLEAR_BATCH)
                        .key("source index", task.index()).key("task hash", DlqKeys.task(task.id()))
                        .key("running tasks", DlqKeys.runningTasks())
                        .arg("root", DlqKeys.ROOT).arg("channel", Channels.DLQ_EVENTS)
                        .arg("batch size", Math.min(batch, MAX_BATCH)).arg("actor", orEmpty(task.actor()))
                        .arg("task id", task.id()))
                .map(r -> Optional.ofNullable(r == null ? null
                        : new DlqClearPass(r.get(0).toInteger(), r.get(1).toInteger())));
    }

    /**
     * Ends a running task in {@code state}. With a {@code staleAfter} above zero only when its heartbeat is at least
     * that old (its replica died). Answers the task as it ended when this call ended it.
     */
    public Uni<Optional<DlqTask>> finishTask(String id, String state, String error, Duration keep,
                                             Duration staleAfter) {
        return scripts.run(ScriptCall.of(DlqCommands.TASK_FINISH)
                        .key("task hash", DlqKeys.task(id)).key("running tasks", DlqKeys.runningTasks())
                        .arg("task id", id).arg("final state", state).arg("error", orEmpty(error))
                        .arg("keep ms", keep.toMillis()).arg("stale bound ms", staleAfter.toMillis()))
                .map(r -> Optional.ofNullable(r == null ? null : DlqTask.of(fields(r))));
    }

    public Uni<Optional<DlqTask>> task(String id) {
        return redis.hash(String.class).hgetall(DlqKeys.task(id)).map(h -> Optional.ofNullable(DlqTask.of(h)));
    }

    /** Ids of the tasks recorded as running (few: one per clear in progress). */
    public Uni<List<String>> runningTasks() {
        return redis.sortedSet(String.class).zrange(DlqKeys.runningTasks(), 0, -1);
    }

    /**
     * One bounded retention call (at most {@code batch} entries, {@code batch} tombstones and {@code batch} pending
     * successes; the last two within the same {@code tombstones} bounds).
     */
    public Uni<DlqRetentionPass> applyRetention(long maxEntries, Duration maxAge, int batch,
                                                DlqTombstoneBounds tombstones) {
        return scripts.run(ScriptCall.of(DlqCommands.RETENTION)
                        .key("idx:all", DlqKeys.all()).key("stats", DlqKeys.stats())
                        .arg("root", DlqKeys.ROOT).arg("channel", Channels.DLQ_EVENTS)
                        .arg("max entries", Math.max(0, maxEntries)).arg("max age ms", maxAge.toMillis())
                        .arg("batch size", Math.min(batch, MAX_BATCH))
                        .arg("tombstone max age ms", tombstones.maxAge().toMillis())
                        .arg("tombstone min age ms", tombstones.minAge().toMillis())
                        .arg("tombstone max count", tombstones.maxCount()))
                .map(r -> new DlqRetentionPass(r.get(0).toInteger(), r.get(1).toInteger(), r.get(2).toInteger()));
    }

    /** SET NX PX: true when this caller now holds the entry's replay lock. */
    public Uni<Boolean> tryLock(String id, String token, Duration ttl) {
        return redis.execute(Command.SET, DlqKeys.replayLock(id), token, "NX", "PX", Long.toString(ttl.toMillis()))
                .map(r -> r != null && "OK".equals(r.toString()));
    }

    /** Releases the lock only if it still holds {@code token}. */
    public Uni<Boolean> releaseLock(String id, String token) {
        return scripts.run(ScriptCall.of(DlqCommands.RELEASE_LOCK).key("lock", DlqKeys.replayLock(id))
                        .arg("token", token))
                .map(r -> r.toInteger() == 1);
    }

    /** Calls {@code call} with each slice, one after the other; answers the results in order. */
    private static <T, R> Uni<List<R>> inTurn(List<List<T>> slices, Function<List<T>, Uni<List<R>>> call) {
        Uni<List<R>> all = Uni.createFrom().item(new ArrayList<>());
        for (List<T> part : slices) {
            all = all.chain(done -> call.apply(part).map(r -> {
                done.addAll(r);
                return done;
            }));
        }
        return all;
    }

    private static List<String> texts(Response reply) {
        List<String> out = new ArrayList<>(reply.size());
        reply.forEach(r -> out.add(r.toString()));
        return out;
    }

    /** A script's HGETALL answer: a flat [field, value, ...] array whatever the protocol. */
    private static Map<String, String> fields(Response reply) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            out.put(reply.get(i).toString(), reply.get(i + 1).toString());
        }
        return out;
    }
}
