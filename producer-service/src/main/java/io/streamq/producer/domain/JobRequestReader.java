package io.streamq.producer.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.FieldError;
import io.streamq.core.contract.payload.InvalidPayloadException;
import io.streamq.core.contract.payload.JobPayload;
import io.streamq.core.contract.payload.PayloadCodec;
import io.streamq.core.job.EnqueueOptions;
import io.streamq.core.job.NewJob;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one job request ({@code {"name", "payload", "idempotencyKey"?, "idempotencyWindowMs"?, "debounce"?,
 * "delayMs"?, "priority"?}}) into a {@link NewJob}.
 * Works on the JSON tree rather than a bound record so that every bad field is reported at once, with the path the
 * client wrote, and so that unknown fields are refused instead of silently dropped.
 */
@ApplicationScoped
public class JobRequestReader {

    static final Set<String> FIELDS = Set.of("name", "payload", "idempotencyKey", "idempotencyWindowMs", "debounce",
            "delayMs", "priority");

    private final PayloadCodec codec;
    private final Destinations destinations;

    public JobRequestReader(PayloadCodec codec, Destinations destinations) {
        this.codec = codec;
        this.destinations = destinations;
    }

    /**
     * @param path where the request sits in the body, {@code ""} for a single job or {@code "jobs[3]"} in a bulk
     *             request; prefixes every field name in the errors
     */
    public JobRead read(JsonNode request, String path, Caller caller) {
        if (request == null || !request.isObject()) {
            return new JobRead.Rejected(List.of(new FieldError(path, "must be an object")));
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                errors.add(new FieldError(at(path, field), "is not a known field"));
            }
        }
        Optional<JobType> type = type(request.get("name"), path, errors);
        String payloadJson = type.map(t -> payload(t, request.get("payload"), path, errors)).orElse(null);
        String idempotencyKey = idempotencyKey(request.get("idempotencyKey"), path, errors);
        long delayMs = integer(request.get("delayMs"), at(path, "delayMs"), 0, 0, JobLimits.MAX_DELAY_MS, errors);
        int priority = (int) integer(request.get("priority"), at(path, "priority"), EnqueueOptions.DEFAULT_PRIORITY,
                EnqueueOptions.HIGHEST_PRIORITY, EnqueueOptions.LOWEST_PRIORITY, errors);
        long windowMs = integer(request.get("idempotencyWindowMs"), at(path, "idempotencyWindowMs"), 0,
                JobLimits.MIN_IDEMPOTENCY_WINDOW_MS, JobLimits.MAX_IDEMPOTENCY_WINDOW_MS, errors);
        boolean debounce = debounce(request.get("debounce"), at(path, "debounce"), errors);
        requireKeyFor(request, "idempotencyWindowMs", idempotencyKey, path, errors);
        requireKeyFor(request, "debounce", idempotencyKey, path, errors);
        if (!errors.isEmpty()) {
            return new JobRead.Rejected(errors);
        }
        return new JobRead.Valid(new NewJob(type.orElseThrow(), payloadJson, caller.tenant(), caller.workspace(),
                caller.subject(), idempotencyKey, delayMs, new EnqueueOptions(priority, windowMs, debounce)));
    }

    // Internal types are the platform's own hand-offs: to a client they do not exist, so they read as unknown.
    private static Optional<JobType> type(JsonNode name, String path, List<FieldError> errors) {
        if (absent(name)) {
            errors.add(new FieldError(at(path, "name"), "is required"));
            return Optional.empty();
        }
        Optional<JobType> type = name.isTextual()
                ? JobType.fromWire(name.textValue()).filter(t -> !t.internal())
                : Optional.empty();
        if (type.isEmpty()) {
            errors.add(new FieldError(at(path, "name"), "is not a known job type"));
        }
        return type;
    }

    private String payload(JobType type, JsonNode payload, String path, List<FieldError> errors) {
        try {
            JobPayload value = codec.decode(type, payload);
            List<FieldError> refused = destinations.refused(value, path);
            if (!refused.isEmpty()) {
                errors.addAll(refused);
                return null;
            }
            return codec.encode(value);
        } catch (InvalidPayloadException e) {
            e.errors().forEach(err -> errors.add(new FieldError(at(path, err.field()), err.message())));
            return null;
        }
    }

    private static String idempotencyKey(JsonNode key, String path, List<FieldError> errors) {
        if (absent(key)) {
            return null;
        }
        String field = at(path, "idempotencyKey");
        if (!key.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String value = key.textValue();
        if (value.isEmpty() || value.length() > JobLimits.MAX_IDEMPOTENCY_KEY_LENGTH) {
            errors.add(new FieldError(field, "must be 1 to " + JobLimits.MAX_IDEMPOTENCY_KEY_LENGTH + " characters"));
            return null;
        }
        if (!JobLimits.IDEMPOTENCY_KEY.matcher(value).matches()) {
            errors.add(new FieldError(field, "may only contain letters, digits and . _ : -"));
            return null;
        }
        return value;
    }

    /** An optional whole number within bounds; {@code absentValue} when left out. */
    private static long integer(JsonNode value, String field, long absentValue, long min, long max,
                                List<FieldError> errors) {
        if (absent(value)) {
            return absentValue;
        }
        if (!value.isIntegralNumber()) {
            errors.add(new FieldError(field, "must be an integer"));
            return absentValue;
        }
        if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
            return absentValue;
        }
        return value.longValue();
    }

    private static boolean debounce(JsonNode value, String field, List<FieldError> errors) {
        if (absent(value)) {
            return false;
        }
        if (!value.isBoolean()) {
            errors.add(new FieldError(field, "must be true or false"));
            return false;
        }
        return value.booleanValue();
    }

    /** A window or a debounce without a key would be silently meaningless, so it is refused. */
    private static void requireKeyFor(JsonNode request, String field, String idempotencyKey, String path,
                                      List<FieldError> errors) {
        if (!absent(request.get(field)) && idempotencyKey == null && absent(request.get("idempotencyKey"))) {
            errors.add(new FieldError(at(path, field), "needs an idempotencyKey"));
        }
    }

    // An explicit null for an optional field means the same as leaving it out.
    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
