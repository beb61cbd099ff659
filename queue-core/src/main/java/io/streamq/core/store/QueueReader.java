package io.streamq.core.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobState;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.keys.WorkerKeys;
import io.streamq.core.script.AdminCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads for monitoring and owners: snapshots, job pages, failure reasons, processing times, worker heartbeats. */
@ApplicationScoped
public class QueueReader {

    private final ScriptRunner scripts;
    private final ReactiveRedisDataSource redis;

    public QueueReader(ScriptRunner scripts, ReactiveRedisDataSource redis) {
        this.scripts = scripts;
        this.redis = redis;
    }

    /** The queue's counters, facts of the last {@code minutes} minutes and last {@code times} processing times. */
    public Uni<QueueSnapshot> snapshot(QueueName queue, int minutes, int times) {
        QueueKeys k = QueueKeys.of(queue);
        return scripts.run(ScriptCall.of(AdminCommands.QUEUE_SNAPSHOT)
                        .key("stream", k.stream()).key("counts", k.counts()).key("meta", k.meta())
                        .key("delayed", k.delayed()).key("completed", k.completed()).key("failed", k.failed())
                        .key("dead stream", k.deadStream()).key("processing times", k.processingTimes())
                        .key("prioritized", k.prioritized()).key("cancelled", k.cancelled())
                        .arg("group", QueueKeys.CONSUMER_GROUP).arg("minutePrefix", k.minutePrefix())
                        .arg("minutes of facts", minutes).arg("processing times to read", times)
                        .arg("jobPrefix", k.jobPrefix()))
                .map(r -> toSnapshot(queue, r));
    }

    private static QueueSnapshot toSnapshot(QueueName queue, Response r) {
        Map<String, Long> counts = new HashMap<>();
        Response flat = r.get(1);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            counts.put(flat.get(i).toString(), Long.parseLong(flat.get(i + 1).toString()));
        }
        List<MinuteFacts> minutes = new ArrayList<>();
        for (Response m : r.get(8)) {
            minutes.add(new MinuteFacts(m.get(0).toLong(), m.get(1).toLong(), m.get(2).toLong(), m.get(3).toLong(),
                    m.get(4).toLong()));
        }
        List<Long> times = new ArrayList<>();
        for (Response t : r.get(9)) {
            times.add(Long.parseLong(t.toString()));
        }
        String oldest = r.get(7).toString();
        Long oldestAt = oldest.isEmpty() ? null : Long.parseLong(oldest);
        List<Long> byPriority = new ArrayList<>();
        for (Response n : r.get(10)) {
            byPriority.add(n.toLong());
        }
        return new QueueSnapshot(queue, r.get(0).toLong(), Math.max(0, counts.getOrDefault("waiting", 0L)),
                Math.max(0, counts.getOrDefault("active", 0L)), r.get(3).toLong(), r.get(4).toLong(),
                r.get(5).toLong(), "1".equals(r.get(2).toString()), counts.getOrDefault("total:completed", 0L),
                counts.getOrDefault("total:failed", 0L), counts.getOrDefault("total:retried", 0L),
                counts.getOrDefault("total:stalled", 0L), r.get(6).toLong(), oldestAt, minutes, times,
                List.copyOf(byPriority), r.get(11).toLong(), counts.getOrDefault("total:cancelled", 0L));
    }

    /**
     * Jobs one search call looks at, and payload bytes it reads (about): lower-casing and scanning text costs Redis
     * some nanoseconds a byte, so a call stays within a few milliseconds.
     */
    static final int SEARCH_CALL_JOBS = 100;
    static final int SEARCH_CALL_BYTES = 128 << 10;
    /** A search reads a payload only up to here: payloads may be megabytes, and one call must still read several. */
    static final int SEARCH_PAYLOAD_PREFIX = 16 << 10;

    /** Up to {@code size} ids of a state from {@code from} on, in listing order. */
    public Uni<JobIdPage> page(QueueName queue, JobState state, JobCursor from, int size) {
        return searchJobs(queue, state, "", from, size, 0).map(r -> {
            List<String> ids = new ArrayList<>();
            for (int i = 6; i < r.size(); i++) {
                ids.add(r.get(i).toString());
            }
            return new JobIdPage(ids, r.get(0).toLong(), r.get(1).toLong() == 1 ? r.get(2).toString() : null);
        });
    }

    /**
     * The jobs of a state whose id, job type or payload contains {@code text} (case-insensitive), among the first
     * {@code scanLimit} in listing order while at most about {@code byteLimit} payload bytes are read. Runs as
     * several short script calls, each continuing where the last stopped; not a snapshot: jobs that change state
     * meanwhile may be missed or (in the sorted-set states) seen twice, which counts once.
     */
    public Uni<JobSearch> search(QueueName queue, JobState state, String text, int scanLimit, long byteLimit) {
        return searchFrom(queue, state, text.toLowerCase(Locale.ROOT), JobCursor.offset(0),
                new SearchProgress(new LinkedHashSet<>(), 0, 0, 0), scanLimit, byteLimit);
    }

    private record SearchProgress(LinkedHashSet<String> matches, int scanned, long bytes, int partly) {
    }

    private Uni<JobSearch> searchFrom(QueueName queue, JobState state, String text, JobCursor from,
                                      SearchProgress sofar, int scanLimit, long byteLimit) {
        int jobs = Math.min(SEARCH_CALL_JOBS, scanLimit - sofar.scanned());
        long bytes = Math.min(SEARCH_CALL_BYTES, byteLimit - sofar.bytes());
        return searchJobs(queue, state, text, from, jobs, bytes).chain(r -> {
            for (int i = 6; i < r.size(); i++) {
                sofar.matches().add(r.get(i).toString());
            }
            SearchProgress now = new SearchProgress(sofar.matches(), sofar.scanned() + r.get(3).toInteger(),
                    sofar.bytes() + r.get(4).toLong(), sofar.partly() + r.get(5).toInteger());
            boolean more = r.get(1).toLong() == 1;
            if (more && now.scanned() < scanLimit && now.bytes() < byteLimit) {
                return searchFrom(queue, state, text, JobCursor.of(state, r.get(2).toString()), now, scanLimit,
                        byteLimit);
            }
            return Uni.createFrom().item(new JobSearch(List.copyOf(now.matches()), now.scanned(), now.partly(),
                    more));
        });
    }

    private Uni<Response> searchJobs(QueueName queue, JobState state, String text, JobCursor from, int count,
                                     long bytes) {
        QueueKeys k = QueueKeys.of(queue);
        return scripts.run(ScriptCall.of(AdminCommands.SEARCH_JOBS)
                .key("stream", k.stream()).key("counts", k.counts()).key("delayed", k.delayed())
                .key("completed", k.completed()).key("failed", k.failed()).key("prioritized", k.prioritized())
                .key("prioritized stream", k.prioritizedStream()).key("cancelled", k.cancelled())
                .arg("jobPrefix", k.jobPrefix()).arg("group", QueueKeys.CONSUMER_GROUP).arg("state", state.wireName())
                .arg("search text", text).arg("after", from.after()).arg("skip", from.skip()).arg("count", count)
                .arg("bytes", bytes).arg("prefix", SEARCH_PAYLOAD_PREFIX));
    }

    /** The last {@code limit} processing times (ms), newest first. */
    public Uni<List<Long>> processingTimes(QueueName queue, int limit) {
        return redis.list(String.class).lrange(QueueKeys.of(queue).processingTimes(), 0, limit - 1L)
                .map(values -> values.stream().map(Long::parseLong).toList());
    }

    /** The most recently seen {@code limit} failure reasons, newest first. */
    public Uni<List<FailureReason>> failureReasons(QueueName queue, int limit) {
        QueueKeys k = QueueKeys.of(queue);
        return redis.execute(Command.ZREVRANGE, k.failureLastSeen(), "0", Integer.toString(limit - 1), "WITHSCORES")
                .chain(seen -> {
                    List<String> reasons = new ArrayList<>();
                    List<Long> lastSeen = new ArrayList<>();
                    collectScored(seen, reasons, lastSeen);
                    if (reasons.isEmpty()) {
                        return Uni.createFrom().item(List.<FailureReason>of());
                    }
                    String[] fields = reasons.toArray(String[]::new);
                    // Jobs before attempts, one after the other: a failure landing between the two reads then
                    // raises attempts only, so an answer never shows more jobs than attempts.
                    return redis.hash(String.class).hmget(k.failureJobs(), fields).chain(jobs -> redis
                            .hash(String.class).hmget(k.failureCounts(), fields).map(attempts -> {
                                List<FailureReason> out = new ArrayList<>(reasons.size());
                                for (int i = 0; i < reasons.size(); i++) {
                                    String reason = reasons.get(i);
                                    int sep = reason.indexOf(": ");
                                    String code = sep < 0 ? reason : reason.substring(0, sep);
                                    String message = sep < 0 ? "" : reason.substring(sep + 2);
                                    out.add(new FailureReason(code, message, count(attempts.get(reason)),
                                            count(jobs.get(reason)), lastSeen.get(i)));
                                }
                                return out;
                            }));
                });
    }

    private static long count(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    /** Every worker the registry remembers (last hour), newest heartbeat first, alive or gone. */
    public Uni<List<WorkerBeat>> workers() {
        return redis.execute(Command.ZREVRANGE, WorkerKeys.index(), "0", "-1", "WITHSCORES").chain(index -> {
            List<String> ids = new ArrayList<>();
            List<Long> seen = new ArrayList<>();
            collectScored(index, ids, seen);
            if (ids.isEmpty()) {
                return Uni.createFrom().item(List.<WorkerBeat>of());
            }
            // One MGET: heartbeats share the {workers} tag, so this is one slot on a cluster too.
            String[] keys = ids.stream().map(id -> WorkerKeys.heartbeatPrefix() + id).toArray(String[]::new);
            return redis.value(String.class).mget(keys).map(beats -> {
                List<WorkerBeat> out = new ArrayList<>(ids.size());
                for (int i = 0; i < ids.size(); i++) {
                    out.add(new WorkerBeat(ids.get(i), beats.get(keys[i]), seen.get(i)));
                }
                return out;
            });
        });
    }

    /** Entries of this queue held by dlq-service, plus failures not yet handed over from the queue's dead stream. */
    public Uni<Long> dlqEntries(QueueName queue) {
        return redis.sortedSet(String.class).zcard(DlqKeys.byQueue(queue.wireName()));
    }

    /** WITHSCORES replies come flat on RESP2 and as pairs on RESP3; both are read here. */
    private static void collectScored(Response reply, List<String> members, List<Long> scores) {
        if (reply == null) {
            return;
        }
        if (reply.size() > 0 && reply.get(0).type() == ResponseType.MULTI) {
            for (Response pair : reply) {
                members.add(pair.get(0).toString());
                scores.add((long) Double.parseDouble(pair.get(1).toString()));
            }
            return;
        }
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            members.add(reply.get(i).toString());
            scores.add((long) Double.parseDouble(reply.get(i + 1).toString()));
        }
    }
}
