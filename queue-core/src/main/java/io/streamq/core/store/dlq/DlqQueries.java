package io.streamq.core.store.dlq;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.script.DlqCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.streamq.core.store.DlqEntry;
import io.streamq.core.store.DlqFields;
import io.streamq.core.store.DlqStore;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads of the dead-letter store, beside {@link DlqStore} that changes it. Index members are read with
 * {@code dlq-page.lua}, positioned by rank in O(log n) whatever the depth; the fields of a page's entries come in one
 * pipelined batch (all keys share the {@code {dlq}} slot, so a batch is valid on a cluster too): one round trip per
 * page, not per entry. Payloads are read apart from the other fields, so that a caller can bound the bytes of each
 * read by their sizes. Analytics and trends read the counters the DLQ scripts keep: a fixed number of O(1)/O(log n)
 * reads in a fixed number of round trips, whatever the DLQ's size.
 */
@ApplicationScoped
public class DlqQueries {

    /** The span of one hour bucket ({@link DlqKeys#hour}). */
    static final long HOUR_MS = 3_600_000L;

    private final ScriptRunner scripts;
    private final ReactiveRedisDataSource redis;

    public DlqQueries(ScriptRunner scripts, ReactiveRedisDataSource redis) {
        this.scripts = scripts;
        this.redis = redis;
    }

    /** "Now" from the Redis server, the clock every DLQ timestamp comes from, so ages and hours agree across hosts. */
    public Uni<Long> now() {
        return redis.execute(Command.TIME).map(t -> t.get(0).toLong() * 1000 + t.get(1).toLong() / 1000);
    }

    /** Members of an index scored from {@code min} to {@code max} (inclusive; {@code -inf} and {@code +inf} too). */
    public Uni<Long> count(String index, String min, String max) {
        return redis.execute(Command.ZCOUNT, index, min, max).map(r -> r == null ? 0L : r.toLong());
    }

    /**
     * Members scored from {@code max} down to {@code min} (inclusive), highest first, starting at the
     * {@code offset}-th: O(log n + count) however deep.
     */
    public Uni<DlqChunk> newestFirst(String index, String max, String min, long offset, int count) {
        return page(pageCall(index, max, min, count, "offset").arg("position", offset));
    }

    /** Like {@link #newestFirst(String, String, String, long, int)}, from just after {@code after}. */
    public Uni<DlqChunk> newestFirst(String index, String max, String min, DlqCursor after, int count) {
        return page(pageCall(index, max, min, count, "after").arg("position", after.score())
                .arg("cursor member", after.member()));
    }

    private static ScriptCall pageCall(String index, String max, String min, int count, String mode) {
        return ScriptCall.of(DlqCommands.PAGE).key("index", index).arg("max score", max).arg("min score", min)
                .arg("count", count).arg("mode", mode);
    }

    private Uni<DlqChunk> page(ScriptCall call) {
        return scripts.run(call).map(r -> {
            List<Scored> members = new ArrayList<>(r.size() / 2);
            DlqCursor last = null;
            for (int i = 0; i + 1 < r.size(); i += 2) {
                String score = r.get(i + 1).toString();
                members.add(new Scored(r.get(i).toString(), Double.parseDouble(score)));
                last = new DlqCursor(score, r.get(i).toString());
            }
            return new DlqChunk(members, last);
        });
    }

    /** Each entry's {@link DlqFields#LISTED} fields, in order; an entry that is gone is left out. */
    public Uni<List<DlqEntry>> listed(List<String> ids) {
        List<Request> batch = new ArrayList<>(ids.size());
        ids.forEach(id -> batch.add(hmget(DlqKeys.entry(id), DlqFields.LISTED)));
        return batch(batch).map(replies -> {
            List<DlqEntry> out = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                DlqEntry e = DlqEntry.parse(ids.get(i), fields(DlqFields.LISTED, replies.get(i)));
                if (e != null) {
                    out.add(e);
                }
            }
            return out;
        });
    }

    /** Each entry's payload size in bytes, in order (0 where it is gone): what reading the payloads would bring. */
    public Uni<List<Long>> payloadSizes(List<String> ids) {
        List<Request> batch = new ArrayList<>(ids.size());
        ids.forEach(id -> batch.add(Request.cmd(Command.HSTRLEN).arg(DlqKeys.entry(id)).arg(DlqFields.PAYLOAD)));
        return batch(batch).map(replies -> replies.stream().map(Response::toLong).toList());
    }

    /** Each entry's payload, in order; null where the entry is gone. */
    public Uni<List<String>> payloads(List<String> ids) {
        List<Request> batch = new ArrayList<>(ids.size());
        ids.forEach(id -> batch.add(Request.cmd(Command.HGET).arg(DlqKeys.entry(id)).arg(DlqFields.PAYLOAD)));
        return batch(batch).map(replies -> {
            List<String> out = new ArrayList<>(replies.size());
            replies.forEach(r -> out.add(r == null ? null : r.toString()));
            return out;
        });
    }

    /**
     * Entries per hour of their last failure over the last {@code hours} hours up to the current one, oldest first;
     * of one original queue, or of all when {@code queue} is null.
     */
    public Uni<List<HourCount>> perHour(String queue, int hours) {
        String field = queue == null ? DlqFields.HOUR_TOTAL : DlqFields.hourOfQueue(queue);
        return now().chain(now -> {
            long firstHour = now / HOUR_MS - hours + 1;
            return batch(hourRequests(firstHour, hours, field)).map(r -> hourCounts(firstHour, r));
        });
    }

    /**
     * The analytics' counters, in two round trips after the clock.
     *
     * @param listed       values listed per dimension (queue, job name, error code), most entries first
     * @param reasons      error reasons listed, with an example message each
     * @param mostReplayed entries listed among the most replayed
     * @param hours        hours of {@link DlqCounters#byHour}, up to the current one
     * @param high         the replay count from which an entry counts as replayed often (at least 2)
     */
    public Uni<DlqCounters> counters(int listed, int reasons, int mostReplayed, int hours, int high) {
        return now().chain(now -> {
            long firstHour = now / HOUR_MS - hours + 1;
            List<Request> batch = new ArrayList<>();
            int entries = add(batch, Request.cmd(Command.ZCARD).arg(DlqKeys.all()));
            int byQueue = add(batch, top(DlqKeys.countByQueue(), listed));
            int byJobName = add(batch, top(DlqKeys.countByJobName(), listed));
            int byErrorCode = add(batch, top(DlqKeys.countByErrorCode(), listed));
            int byReason = add(batch, top(DlqKeys.countByReason(), reasons));
            int stats = add(batch, hmget(DlqKeys.stats(), List.of(DlqFields.SUM_FIRST_FAILED_SEC,
                    DlqFields.RETENTION_DROPPED, DlqFields.DUPLICATES)));
            int never = add(batch, replays("0", "0"));
            int once = add(batch, replays("1", "1"));
            int multiple = add(batch, replays("2", Integer.toString(high - 1)));
            int often = add(batch, replays(Integer.toString(high), "+inf"));
            int replayed = add(batch, Request.cmd(Command.ZREVRANGEBYSCORE).arg(DlqKeys.replays()).arg("+inf")
                    .arg("1").arg("WITHSCORES").arg("LIMIT").arg(0).arg(mostReplayed));
            int byHour = batch.size();
            batch.addAll(hourRequests(firstHour, hours, DlqFields.HOUR_TOTAL));
            return batch(batch).chain(r -> {
                Map<String, String> sums = fields(List.of(DlqFields.SUM_FIRST_FAILED_SEC,
                        DlqFields.RETENTION_DROPPED, DlqFields.DUPLICATES), r.get(stats));
                List<Scored> reasonCounts = scored(r.get(byReason));
                List<Scored> replayCounts = scored(r.get(replayed));
                ReplayStatus status = new ReplayStatus(r.get(never).toLong(), r.get(once).toLong(),
                        r.get(multiple).toLong(), r.get(often).toLong());
                List<HourCount> hourCounts = hourCounts(firstHour, r.subList(byHour, byHour + hours));
                return details(reasonCounts, replayCounts).map(d -> new DlqCounters(now, r.get(entries).toLong(),
                        counts(r.get(byQueue)), counts(r.get(byJobName)), counts(r.get(byErrorCode)), d.reasons(),
                        hourCounts, status, d.replayed(), number(sums.get(DlqFields.SUM_FIRST_FAILED_SEC)),
                        number(sums.get(DlqFields.RETENTION_DROPPED)), number(sums.get(DlqFields.DUPLICATES))));
            });
        });
    }

    private record Details(List<ErrorReason> reasons, List<ReplayedJob> replayed) {
    }

    /** The example of each reason and the queue and job name of each most replayed entry, in one round trip. */
    private Uni<Details> details(List<Scored> reasons, List<Scored> replayed) {
        List<String> named = List.of(DlqFields.ORIGINAL_QUEUE, DlqFields.ORIGINAL_JOB_NAME);
        List<Request> batch = new ArrayList<>();
        int examples = reasons.isEmpty() ? -1
                : add(batch, hmget(DlqKeys.reasonExamples(), reasons.stream().map(Scored::member).toList()));
        int firstEntry = batch.size();
        replayed.forEach(s -> batch.add(hmget(DlqKeys.entry(s.member()), named)));
        return batch(batch).map(r -> {
            List<ErrorReason> byReason = new ArrayList<>(reasons.size());
            for (int i = 0; i < reasons.size(); i++) {
                byReason.add(new ErrorReason(reasons.get(i).member(), (long) reasons.get(i).score(),
                        text(r.get(examples).get(i))));
            }
            List<ReplayedJob> most = new ArrayList<>(replayed.size());
            for (int i = 0; i < replayed.size(); i++) {
                Map<String, String> e = fields(named, r.get(firstEntry + i));
                most.add(new ReplayedJob(replayed.get(i).member(), e.get(DlqFields.ORIGINAL_QUEUE),
                        e.get(DlqFields.ORIGINAL_JOB_NAME), (long) replayed.get(i).score()));
            }
            return new Details(byReason, most);
        });
    }

    private static List<Request> hourRequests(long firstHour, int hours, String field) {
        List<Request> out = new ArrayList<>(hours);
        for (long h = firstHour; h < firstHour + hours; h++) {
            out.add(Request.cmd(Command.HGET).arg(DlqKeys.hour(h)).arg(field));
        }
        return out;
    }

    private static List<HourCount> hourCounts(long firstHour, List<Response> replies) {
        List<HourCount> out = new ArrayList<>(replies.size());
        for (int i = 0; i < replies.size(); i++) {
            Response r = replies.get(i);
            out.add(new HourCount(Instant.ofEpochMilli((firstHour + i) * HOUR_MS),
                    Math.max(0, r == null ? 0 : Long.parseLong(r.toString()))));
        }
        return out;
    }

    /** The requests in one pipelined round trip, replies in the same order. */
    private Uni<List<Response>> batch(List<Request> requests) {
        return requests.isEmpty() ? Uni.createFrom().item(List.of()) : redis.getRedis().batch(requests);
    }

    /** Adds a request to a batch; answers where its reply will be. */
    private static int add(List<Request> batch, Request request) {
        batch.add(request);
        return batch.size() - 1;
    }

    private static Request hmget(String key, List<String> fields) {
        Request r = Request.cmd(Command.HMGET).arg(key);
        fields.forEach(r::arg);
        return r;
    }

    private static Request top(String key, int n) {
        return Request.cmd(Command.ZREVRANGE).arg(key).arg(0).arg(n - 1).arg("WITHSCORES");
    }

    private static Request replays(String min, String max) {
        return Request.cmd(Command.ZCOUNT).arg(DlqKeys.replays()).arg(min).arg(max);
    }

    /** An HMGET reply by field name; a field that is absent is left out. */
    private static Map<String, String> fields(List<String> names, Response reply) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Response v = reply.get(i);
            if (v != null) {
                out.put(names.get(i), v.toString());
            }
        }
        return out;
    }

    private static List<Count> counts(Response r) {
        return scored(r).stream().map(s -> new Count(s.member(), (long) s.score())).toList();
    }

    /** Reads a WITHSCORES reply: RESP3 answers [member, score] pairs, RESP2 a flat list. */
    private static List<Scored> scored(Response r) {
        List<Scored> out = new ArrayList<>();
        if (r == null) {
            return out;
        }
        if (r.size() > 0 && r.get(0).type() == ResponseType.MULTI) {
            for (Response pair : r) {
                out.add(new Scored(pair.get(0).toString(), Double.parseDouble(pair.get(1).toString())));
            }
        } else {
            for (int i = 0; i + 1 < r.size(); i += 2) {
                out.add(new Scored(r.get(i).toString(), Double.parseDouble(r.get(i + 1).toString())));
            }
        }
        return out;
    }

    private static long number(String s) {
        return s == null ? 0 : Long.parseLong(s);
    }

    private static String text(Response r) {
        return r == null ? null : r.toString();
    }
}
