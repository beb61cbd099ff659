package io.streamq.security.audit;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.keys.SecurityKeys;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.streamq.core.script.SecurityCommands;
import io.streamq.security.config.SecurityConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit and data-access logs: one Redis stream each, bounded by count and age (see {@code audit-append.lua}).
 * Queries walk the stream newest first within the time range and filter here; retention keeps the stream small
 * enough for that, and each call scans at most {@link #SCAN_LIMIT} entries, then hands back a cursor.
 */
@ApplicationScoped
public class AuditLog {

    static final int SCAN_LIMIT = 5_000;
    private static final int BATCH = 200;

    private final ScriptRunner scripts;
    private final ReactiveRedisDataSource redis;
    private final SecurityConfig config;

    public AuditLog(ScriptRunner scripts, ReactiveRedisDataSource redis, SecurityConfig config) {
        this.scripts = scripts;
        this.redis = redis;
        this.config = config;
    }

    /** Appends the entry; the item is its stream id. Fails when Redis does not take it (callers fail closed). */
    public Uni<String> record(AuditEntry entry) {
        ScriptCall call = ScriptCall.of(SecurityCommands.AUDIT_APPEND).key("stream", stream(entry.kind()))
                .arg("max entries", config.audit().maxEntries())
                .arg("retention ms", config.audit().retention().toMillis());
        List<String> fields = AuditCodec.fields(entry);
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            call.arg("field", fields.get(i)).arg("value", fields.get(i + 1));
        }
        return scripts.run(call)
                .map(Response::toString);
    }

    public Uni<Page<AuditEntry>> query(AuditQuery q) {
        String end = q.cursor() != null ? "(" + q.cursor() : q.to() != null ? streamMs(q.to()) : "+";
        String start = q.from() != null ? streamMs(q.from()) : "-";
        return scan(q, end, start, new ArrayList<>(), 0);
    }

    private Uni<Page<AuditEntry>> scan(AuditQuery q, String end, String start, List<AuditEntry> found, int scanned) {
        return redis.execute(Command.XREVRANGE, stream(q.kind()), end, start, "COUNT", Integer.toString(BATCH))
                .map(r -> r == null ? List.<AuditEntry>of() : entries(q.kind(), r))
                .chain(batch -> {
                    String last = null;
                    for (AuditEntry e : batch) {
                        last = e.id();
                        if (q.matches(e)) {
                            found.add(e);
                            if (found.size() == q.limit()) {
                                return Uni.createFrom().item(new Page<>(found, e.id()));
                            }
                        }
                    }
                    int total = scanned + batch.size();
                    if (batch.size() < BATCH) {
                        return Uni.createFrom().item(new Page<>(found, null));
                    }
                    if (total >= SCAN_LIMIT) {
                        return Uni.createFrom().item(new Page<>(found, last));
                    }
                    return scan(q, "(" + last, start, found, total);
                });
    }

    /**
     * An instant as a range bound: stream ids are unsigned milliseconds, so an instant before 1970 is 0 and one
     * beyond what a long holds is the largest, rather than a bound Redis refuses.
     */
    private static String streamMs(Instant at) {
        if (at.isBefore(Instant.EPOCH)) {
            return "0";
        }
        try {
            return Long.toString(at.toEpochMilli());
        } catch (ArithmeticException tooLate) {
            return Long.toString(Long.MAX_VALUE);
        }
    }

    private static List<AuditEntry> entries(AuditKind kind, Response r) {
        List<AuditEntry> out = new ArrayList<>(r.size());
        for (Response item : r) {
            Response values = item.get(1);
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i + 1 < values.size(); i += 2) {
                fields.put(values.get(i).toString(), values.get(i + 1).toString());
            }
            out.add(AuditCodec.entry(kind, item.get(0).toString(), fields));
        }
        return out;
    }

    private static String stream(AuditKind kind) {
        return kind == AuditKind.DATA_ACCESS ? SecurityKeys.dataAccessStream() : SecurityKeys.auditStream();
    }
}
