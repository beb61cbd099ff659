package io.streamq.core.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.Channels;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.script.DlqCommands;
import io.streamq.core.script.ScriptRunner;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.streamq.core.store.Replies.blankToNull;
import static io.streamq.core.store.Replies.orEmpty;

/**
 * The dead-letter store: every transition of a DLQ entry is one script on the {@code {dlq}} slot, so entry,
 * indexes and analytics counters change together. See docs/dlq.md.
 */
@ApplicationScoped
public class DlqStore {

    /** Longest error message kept as the example of an error reason. */
    public static final int EXAMPLE_MAX = 500;

    private final ScriptRunner scripts;
    private final ReactiveRedisDataSource redis;

    public DlqStore(ScriptRunner scripts, ReactiveRedisDataSource redis) {
        this.scripts = scripts;
        this.redis = redis;
    }

    /**
     * Stores records idempotently (see {@code dlq-insert.lua}).
     *
     * @param maxEntries  the retention count bound applied in the same call; 0 for none
     * @param hourBucketTtl how long an hour's counters live after the hour ends (more than 48 h for trends)
     */
    public Uni<DlqInsertResult> insert(List<DlqRecord> records, long maxEntries, Duration hourBucketTtl) {
        if (records.isEmpty()) {
            return Uni.createFrom().item(new DlqInsertResult(List.of(), 0));
        }
        List<String> args = new ArrayList<>(5 + records.size() * 17);
        args.add(DlqKeys.ROOT);
        args.add(Channels.DLQ_EVENTS);
        args.add(Long.toString(hourBucketTtl.toMillis()));
        args.add(Long.toString(Math.max(0, maxEntries)));
        args.add(Integer.toString(records.size()));
        for (DlqRecord r : records) {
            args.add(r.originalJobId());
            args.add(r.originalQueue());
            args.add(r.originalJobName());
            args.add(orEmpty(r.errorName()));
            args.add(orEmpty(r.errorMessage()));
            args.add(orEmpty(r.errorStack()));
            args.add(r.errorCode());
            args.add(Long.toString(r.firstFailedAt()));
            args.add(Long.toString(r.lastFailedAt()));
            args.add(Integer.toString(r.attemptsMade()));
            args.add(orEmpty(r.payload()));
            args.add(orEmpty(r.tenantId()));
            args.add(orEmpty(r.workspaceId()));
            args.add(orEmpty(r.actorId()));
            args.add(Integer.toString(r.replayCount()));
            args.add(r.fingerprint());
            String message = orEmpty(r.errorMessage());
            args.add(message.length() > EXAMPLE_MAX ? message.substring(0, EXAMPLE_MAX) : message);
        }
        return scripts.run(DlqCommands.INSERT, List.of(DlqKeys.all(), DlqKeys.stats()), args).map(reply -> {
            List<String> statuses = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                statuses.add(reply.get(i).toString());
            }
            return new DlqInsertResult(statuses, reply.get(records.size()).toLong());
        });
    }

    public Uni<Optional<DlqEntry>> find(String id) {
        return redis.hash(String.class).hgetall(DlqKeys.entry(id)).map(h -> Optional.ofNullable(toEntry(id, h)));
    }

    /** Reads a stored hash back; null when it is empty (no such entry). */
    public static DlqEntry toEntry(String id, Map<String, String> h) {
        if (h == null || h.isEmpty() || h.get("originalQueue") == null) {
            return null;
        }
        String replayedAt = blankToNull(h.get("lastReplayedAt"));
        return new DlqEntry(id, h.get("originalQueue"), h.getOrDefault("originalJobId", id),
                h.get("originalJobName"), h.get("errorName"), h.get("errorMessage"), blankToNull(h.get("errorStack")),
                h.get("errorCode"), number(h.get("firstFailedAt")), number(h.get("lastFailedAt")),
                (int) number(h.get("attemptsMade")), "1".equals(h.get("isReplayed")),
                (int) number(h.get("replayCount")), replayedAt == null ? null : Long.parseLong(replayedAt),
                h.get("payload"), blankToNull(h.get("workspaceId")), blankToNull(h.get("tenantId")),
                blankToNull(h.get("actorId")), h.get("fingerprint"), h.getOrDefault("history", "[]"));
    }

    private static long number(String s) {
        return s == null || s.isEmpty() ? 0 : Long.parseLong(s);
    }

    /** Records a replay that was just enqueued; checks the limit again inside the script. */
    public Uni<DlqReplayMark> markReplayed(String id, String actor, int maxReplays) {
        return scripts.run(DlqCommands.MARK_REPLAYED, List.of(DlqKeys.replays(), DlqKeys.entry(id)),
                        List.of(DlqKeys.ROOT, Channels.DLQ_EVENTS, id, Integer.toString(maxReplays), orEmpty(actor)))
                .map(r -> switch (r.toString()) {
                    case "missing" -> new DlqReplayMark.Missing();
                    case "limit" -> new DlqReplayMark.LimitReached();
                    default -> new DlqReplayMark.Marked(r.toInteger());
                });
    }

    /** Deletes entries; per id whether it existed. */
    public Uni<List<Boolean>> delete(List<String> ids, String actor) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> args = new ArrayList<>(3 + ids.size());
        args.add(DlqKeys.ROOT);
        args.add(Channels.DLQ_EVENTS);
        args.add(orEmpty(actor));
        args.addAll(ids);
        return scripts.run(DlqCommands.DELETE, List.of(DlqKeys.all(), DlqKeys.stats()), args).map(reply -> {
            List<Boolean> out = new ArrayList<>(reply.size());
            reply.forEach(r -> out.add(r.toInteger() == 1));
            return out;
        });
    }

    /**
     * Removes up to {@code batch} entries of {@code sourceIndex} scored at least {@code minScore}; the index must be
     * exactly the filter (see {@code dlq-clear-batch.lua}).
     */
    public Uni<Integer> clearBatch(String sourceIndex, String minScore, int batch, String actor) {
        return scripts.run(DlqCommands.CLEAR_BATCH, List.of(sourceIndex),
                        List.of(DlqKeys.ROOT, Channels.DLQ_EVENTS, minScore, Integer.toString(batch), orEmpty(actor)))
                .map(Response::toInteger);
    }

    /** One bounded retention pass; answers how many entries it dropped. */
    public Uni<Integer> applyRetention(long maxEntries, Duration maxAge, int batch) {
        return scripts.run(DlqCommands.RETENTION, List.of(DlqKeys.all(), DlqKeys.stats()),
                        List.of(DlqKeys.ROOT, Channels.DLQ_EVENTS, Long.toString(Math.max(0, maxEntries)),
                                Long.toString(maxAge.toMillis()), Integer.toString(batch)))
                .map(Response::toInteger);
    }

    /** SET NX PX: true when this caller now holds the entry's replay lock. */
    public Uni<Boolean> tryLock(String id, String token, Duration ttl) {
        return redis.execute(Command.SET, DlqKeys.replayLock(id), token, "NX", "PX", Long.toString(ttl.toMillis()))
                .map(r -> r != null && "OK".equals(r.toString()));
    }

    /** Releases the lock only if it still holds {@code token}. */
    public Uni<Boolean> releaseLock(String id, String token) {
        return scripts.run(DlqCommands.RELEASE_LOCK, List.of(DlqKeys.replayLock(id)), List.of(token))
                .map(r -> r.toInteger() == 1);
    }
}
