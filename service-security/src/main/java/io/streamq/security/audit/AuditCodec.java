package io.streamq.security.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An entry as stream fields: flat strings for what queries filter on, JSON for lists and maps. */
final class AuditCodec {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR = 500;

    private AuditCodec() {
    }

    static List<String> fields(AuditEntry e) {
        List<String> out = new ArrayList<>(24);
        put(out, "actor", e.actor());
        put(out, "action", e.action());
        put(out, "queue", e.target().queue());
        put(out, "jobIds", json(e.target().jobIds()));
        put(out, "filters", json(e.target().filters()));
        put(out, "params", json(e.params()));
        put(out, "outcome", e.outcome() == null ? null : e.outcome().name());
        put(out, "error", e.error() == null || e.error().length() <= MAX_ERROR ? e.error()
                : e.error().substring(0, MAX_ERROR));
        put(out, "ip", e.clientIp());
        put(out, "requestId", e.requestId());
        put(out, "attemptId", e.attemptId());
        return out;
    }

    /**
     * {@code at} is the millisecond part of the stream id: the time range of a query selects by id, and a time read
     * separately could fall a millisecond before the id Redis gives the entry.
     */
    static AuditEntry entry(AuditKind kind, String id, Map<String, String> f) {
        Instant at = Instant.ofEpochMilli(Long.parseLong(id.substring(0, id.indexOf('-'))));
        return new AuditEntry(id, at, kind, f.get("actor"),
                f.get("action"),
                new AuditTarget(f.get("queue"), read(f.get("jobIds"), new TypeReference<List<String>>() { }),
                        read(f.get("filters"), new TypeReference<Map<String, String>>() { })),
                read(f.get("params"), new TypeReference<Map<String, Object>>() { }),
                f.get("outcome") == null ? null : AuditOutcome.valueOf(f.get("outcome")), f.get("error"),
                f.get("ip"), f.get("requestId"), f.get("attemptId"));
    }

    private static void put(List<String> out, String field, String value) {
        if (value != null) {
            out.add(field);
            out.add(value);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit values must be plain JSON values", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
