package io.streamq.dlq.query;

import io.streamq.core.keys.DlqKeys;
import io.streamq.core.script.DlqCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Low-level reads of the DLQ indexes and entries. Index members are read with {@code dlq-page.lua}, positioned by
 * rank in O(log n) whatever the depth; entry fields of a page are fetched in one pipelined batch (all keys share the
 * {@code {dlq}} slot, so a batch is valid on a cluster too): one round trip per page, not per entry. Payloads are
 * read apart from the other fields, so that a caller can bound the bytes of each read by their sizes.
 * Blocking: call it off the event loop.
 */
@ApplicationScoped
public class DlqReader {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Redis redis;
    private final ScriptRunner scripts;

    public DlqReader(Redis redis, ScriptRunner scripts) {
        this.redis = redis;
        this.scripts = scripts;
    }

    /** One member of an index with its score. */
    public record Scored(String id, double score) {
    }

    /** A position in an index: the member and its score exactly as Redis printed it, so a seek finds it again. */
    public record Cursor(String score, String member) {
    }

    /** Members of one read, highest score first, and the cursor after the last (null when there are none). */
    public record Chunk(List<Scored> members, Cursor last) {
    }

    public long count(String index, String min, String max) {
        Response r = redis.send(Request.cmd(Command.ZCOUNT).arg(index).arg(min).arg(max)).await().atMost(WAIT);
        return r == null ? 0 : r.toLong();
    }

    /**
     * Members scored from {@code max} down to {@code min} (inclusive), highest first, starting at the
     * {@code offset}-th: O(log n + count) however deep.
     */
    public Chunk newestFirst(String index, String max, String min, long offset, int count) {
        return page(pageCall(index, max, min, count, "offset").arg("position", offset));
    }

    /** Like {@link #newestFirst(String, String, String, long, int)}, from just after {@code after}. */
    public Chunk newestFirst(String index, String max, String min, Cursor after, int count) {
        return page(pageCall(index, max, min, count, "after").arg("position", after.score())
                .arg("cursor member", after.member()));
    }

    private static ScriptCall pageCall(String index, String max, String min, int count, String mode) {
        return ScriptCall.of(DlqCommands.PAGE).key("index", index).arg("max score", max).arg("min score", min)
                .arg("count", count).arg("mode", mode);
    }

    private Chunk page(ScriptCall call) {
        Response r = scripts.run(call).await().atMost(WAIT);
        List<Scored> members = new ArrayList<>(r.size() / 2);
        Cursor last = null;
        for (int i = 0; i + 1 < r.size(); i += 2) {
            String score = r.get(i + 1).toString();
            members.add(new Scored(r.get(i).toString(), Double.parseDouble(score)));
            last = new Cursor(score, r.get(i).toString());
        }
        return new Chunk(members, last);
    }

    /** Reads a WITHSCORES reply: RESP3 answers [member, score] pairs, RESP2 a flat list. */
    public static List<Scored> scored(Response r) {
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

    /** The given fields of each entry, in order; an empty map where the entry is gone. */
    public List<Map<String, String>> fields(List<String> ids, List<String> fields) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Request> batch = new ArrayList<>(ids.size());
        for (String id : ids) {
            Request hmget = Request.cmd(Command.HMGET).arg(DlqKeys.entry(id));
            fields.forEach(hmget::arg);
            batch.add(hmget);
        }
        List<Response> replies = redis.batch(batch).await().atMost(WAIT);
        List<Map<String, String>> out = new ArrayList<>(ids.size());
        for (Response reply : replies) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                Response v = reply.get(i);
                if (v != null) {
                    m.put(fields.get(i), v.toString());
                }
            }
            out.add(m.containsKey("originalQueue") ? m : Map.of());
        }
        return out;
    }

    /** Each entry's payload size in bytes, in order (0 where it is gone): what reading the payloads would bring. */
    public List<Long> payloadSizes(List<String> ids) {
        List<Request> batch = new ArrayList<>(ids.size());
        ids.forEach(id -> batch.add(Request.cmd(Command.HSTRLEN).arg(DlqKeys.entry(id)).arg("payload")));
        return batch(batch).stream().map(Response::toLong).toList();
    }

    /** Each entry's payload, in order; null where the entry is gone. */
    public List<String> payloads(List<String> ids) {
        List<Request> batch = new ArrayList<>(ids.size());
        ids.forEach(id -> batch.add(Request.cmd(Command.HGET).arg(DlqKeys.entry(id)).arg("payload")));
        List<String> out = new ArrayList<>(ids.size());
        batch(batch).forEach(r -> out.add(r == null ? null : r.toString()));
        return out;
    }

    public Response send(Request request) {
        return redis.send(request).await().atMost(WAIT);
    }

    public List<Response> batch(List<Request> requests) {
        return requests.isEmpty() ? List.of() : redis.batch(requests).await().atMost(WAIT);
    }
}
