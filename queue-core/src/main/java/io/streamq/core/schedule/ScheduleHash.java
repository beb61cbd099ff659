package io.streamq.core.schedule;

import io.streamq.core.contract.JobType;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A schedule as the fields of its hash {@code q:{Q}:schedule:<id>}. Every definition field is written at each save,
 * an absent value as {@code ""}, so a save replaces the whole definition. The payload stays in the hash (unlike a
 * job's): schedules are few, so a hash that is not compact costs little.
 */
final class ScheduleHash {

    private ScheduleHash() {
    }

    /** The definition and the bookkeeping a save writes; runs, lastRunAt, lastDueAt, nextDueAt belong to the scripts. */
    static Map<String, String> fields(ScheduleSpec s, String origin, long anchorAt, long createdAt, long updatedAt) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", s.id());
        f.put("jobName", s.type().wireName());
        f.put("payload", s.payloadJson());
        f.put("cron", orEmpty(s.cron()));
        f.put("timezone", s.timezone() == null ? "" : s.timezone().getId());
        f.put("everyMs", orEmpty(s.everyMs()));
        f.put("startAt", orEmpty(s.startAt()));
        f.put("endAt", orEmpty(s.endAt()));
        f.put("maxRuns", orEmpty(s.maxRuns()));
        f.put("missedRuns", s.missedRuns().wireName());
        f.put("enabled", s.enabled() ? "1" : "0");
        f.put("origin", origin);
        f.put("anchorAt", Long.toString(anchorAt));
        f.put("createdAt", Long.toString(createdAt));
        f.put("updatedAt", Long.toString(updatedAt));
        return f;
    }

    /** Empty for a missing hash, or one a release of a job type no longer knows. */
    static Optional<Schedule> read(Map<String, String> h) {
        if (h == null || h.isEmpty() || !h.containsKey("version")) {
            return Optional.empty();
        }
        Optional<JobType> type = JobType.fromWire(h.get("jobName"));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String zone = h.getOrDefault("timezone", "");
        ScheduleSpec spec = new ScheduleSpec(h.get("id"), type.get(), h.get("payload"), blankToNull(h.get("cron")),
                zone.isEmpty() ? null : ZoneId.of(zone), number(h, "everyMs"), number(h, "startAt"),
                number(h, "endAt"), h.getOrDefault("maxRuns", "").isEmpty() ? null : Integer.valueOf(h.get("maxRuns")),
                MissedRuns.fromWire(h.get("missedRuns")).orElse(MissedRuns.SKIP), "1".equals(h.get("enabled")));
        return Optional.of(new Schedule(spec, h.get("origin"), Long.parseLong(h.get("version")),
                Long.parseLong(h.getOrDefault("anchorAt", "0")), Long.parseLong(h.getOrDefault("runs", "0")),
                number(h, "lastRunAt"), number(h, "lastDueAt"), number(h, "nextDueAt"),
                Long.parseLong(h.getOrDefault("createdAt", "0")), Long.parseLong(h.getOrDefault("updatedAt", "0"))));
    }

    private static Long number(Map<String, String> h, String field) {
        String v = h.get(field);
        return v == null || v.isEmpty() ? null : Long.valueOf(v);
    }

    private static String blankToNull(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    private static String orEmpty(Object v) {
        return v == null ? "" : v.toString();
    }
}
