package io.streamq.core.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.FieldError;
import io.streamq.core.contract.payload.InvalidPayloadException;
import io.streamq.core.contract.payload.PayloadCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a schedule as JSON ({@code {"id", "jobName", "payload", "cron", "timezone", "everyMs", "startAt", "endAt",
 * "maxRuns", "missedRuns", "enabled"}}) into a {@link ScheduleSpec}, naming every bad field at once. The payload is
 * checked against its job type's contract by the producer's own {@link PayloadCodec}. The owner API and the
 * configured default schedules both come through here, so both obey the same rules.
 */
@ApplicationScoped
public class ScheduleReader {

    static final Set<String> FIELDS = Set.of("id", "jobName", "payload", "cron", "timezone", "everyMs", "startAt",
            "endAt", "maxRuns", "missedRuns", "enabled");
    /** What answers add (see {@link Schedule}): ignored in a request, so an owner may send back what they read. */
    static final Set<String> ANSWER_FIELDS = Set.of("queue", "origin", "runs", "lastRunAt", "nextDueAt", "nextRuns",
            "createdAt", "updatedAt");
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final long MIN_EVERY_MS = 1_000;
    static final long MAX_EVERY_MS = Duration.ofDays(366).toMillis();

    private final PayloadCodec codec;

    public ScheduleReader(PayloadCodec codec) {
        this.codec = codec;
    }

    /**
     * @param pathId the id the path names (a change of an existing schedule); null when the body must name it
     */
    public ScheduleRead read(JsonNode body, String pathId) {
        if (body == null || !body.isObject()) {
            return new ScheduleRead.Invalid(List.of(new FieldError("", "must be an object")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field) && !ANSWER_FIELDS.contains(field)) {
                errors.add(new FieldError(field, "is not a known field"));
            }
        }
        String id = id(body.get("id"), pathId, errors);
        Optional<JobType> type = type(body.get("jobName"), errors);
        String payload = type.map(t -> payload(t, body.get("payload"), errors)).orElse(null);
        String cron = text(body, "cron", errors);
        String zoneText = text(body, "timezone", errors);
        Long everyMs = number(body, "everyMs", errors);
        Long startAt = number(body, "startAt", errors);
        Long endAt = number(body, "endAt", errors);
        Long maxRuns = number(body, "maxRuns", errors);
        MissedRuns missed = missedRuns(body.get("missedRuns"), errors);
        boolean enabled = enabled(body.get("enabled"), errors);

        ZoneId zone = timing(cron, zoneText, everyMs, errors);
        if (startAt != null && startAt < 0) {
            errors.add(new FieldError("startAt", "must be epoch milliseconds, 0 or more"));
        }
        if (endAt != null && startAt != null && endAt <= startAt) {
            errors.add(new FieldError("endAt", "must be after startAt"));
        }
        if (maxRuns != null && (maxRuns < 1 || maxRuns > Integer.MAX_VALUE)) {
            errors.add(new FieldError("maxRuns", "must be between 1 and " + Integer.MAX_VALUE));
        }
        if (!errors.isEmpty()) {
            return new ScheduleRead.Invalid(errors);
        }
        ScheduleSpec spec = new ScheduleSpec(id, type.orElseThrow(), payload, cron, zone, everyMs, startAt, endAt,
                maxRuns == null ? null : maxRuns.intValue(), missed, enabled);
        return firesAtAll(spec) ? new ScheduleRead.Valid(spec)
                : new ScheduleRead.Invalid(List.of(new FieldError(spec.endAt() != null ? "endAt" : "cron",
                "leaves no time to fire at")));
    }

    private static String id(JsonNode node, String pathId, List<FieldError> errors) {
        if (absent(node)) {
            if (pathId == null) {
                errors.add(new FieldError("id", "is required"));
            }
            return pathId;
        }
        if (!node.isTextual() || !ID.matcher(node.textValue()).matches()) {
            errors.add(new FieldError("id", "must be 1 to 64 of a-z 0-9 . _ - starting with a letter or digit"));
            return null;
        }
        if (pathId != null && !pathId.equals(node.textValue())) {
            errors.add(new FieldError("id", "must be the id of the path (a schedule keeps its id)"));
        }
        return node.textValue();
    }

    // Internal types are the platform's own hand-offs: as for producers, they read as unknown.
    private static Optional<JobType> type(JsonNode name, List<FieldError> errors) {
        if (absent(name)) {
            errors.add(new FieldError("jobName", "is required"));
            return Optional.empty();
        }
        Optional<JobType> type = name.isTextual()
                ? JobType.fromWire(name.textValue()).filter(t -> !t.internal())
                : Optional.empty();
        if (type.isEmpty()) {
            errors.add(new FieldError("jobName", "is not a known job type"));
        }
        return type;
    }

    private String payload(JobType type, JsonNode payload, List<FieldError> errors) {
        try {
            return codec.encode(codec.decode(type, payload));
        } catch (InvalidPayloadException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private static ZoneId timing(String cron, String zoneText, Long everyMs, List<FieldError> errors) {
        if (cron != null && everyMs != null) {
            errors.add(new FieldError("cron", "give either cron or everyMs, not both"));
        } else if (cron == null && everyMs == null) {
            errors.add(new FieldError("cron", "one of cron and everyMs is required"));
        }
        if (cron != null) {
            try {
                Crons.parse(cron);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cron", "is not a five-field UNIX cron expression: " + e.getMessage()));
            }
        }
        if (everyMs != null && (everyMs < MIN_EVERY_MS || everyMs > MAX_EVERY_MS)) {
            errors.add(new FieldError("everyMs", "must be between " + MIN_EVERY_MS + " and " + MAX_EVERY_MS));
        }
        if (zoneText == null) {
            return cron == null ? null : ZoneOffset.UTC;
        }
        if (cron == null) {
            errors.add(new FieldError("timezone", "applies only to cron"));
            return null;
        }
        try {
            return ZoneId.of(zoneText);
        } catch (DateTimeException e) {
            errors.add(new FieldError("timezone", "is not a known time zone (e.g. Europe/Berlin, UTC)"));
            return null;
        }
    }

    /**
     * A cron that names no real date (30 February) or a window that closed: refused rather than saved to never fire.
     * The service's clock is good enough here; firing itself follows the Redis clock.
     */
    private static boolean firesAtAll(ScheduleSpec spec) {
        long now = System.currentTimeMillis();
        return ScheduleTiming.of(spec, now).after(now).isPresent();
    }

    private static MissedRuns missedRuns(JsonNode node, List<FieldError> errors) {
        if (absent(node)) {
            return MissedRuns.SKIP;
        }
        Optional<MissedRuns> m = node.isTextual() ? MissedRuns.fromWire(node.textValue()) : Optional.empty();
        if (m.isEmpty()) {
            errors.add(new FieldError("missedRuns", "must be skip or run-once"));
        }
        return m.orElse(MissedRuns.SKIP);
    }

    private static boolean enabled(JsonNode node, List<FieldError> errors) {
        if (absent(node)) {
            return true;
        }
        if (!node.isBoolean()) {
            errors.add(new FieldError("enabled", "must be true or false"));
            return true;
        }
        return node.booleanValue();
    }

    private static String text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank() || node.textValue().length() > 200) {
            errors.add(new FieldError(field, "must be a non-blank string of at most 200 characters"));
            return null;
        }
        return node.textValue();
    }

    private static Long number(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            errors.add(new FieldError(field, "must be an integer"));
            return null;
        }
        return node.longValue();
    }

    // An explicit null for an optional field means the same as leaving it out.
    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }
}
