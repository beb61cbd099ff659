package io.streamq.producer.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.FieldError;
import io.streamq.core.contract.payload.InvalidPayloadException;
import io.streamq.core.contract.payload.JobPayload;
import io.streamq.core.contract.payload.PayloadCodec;
import io.streamq.core.job.NewJob;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one job request ({@code {"name", "payload", "idempotencyKey"?, "delayMs"?}}) into a {@link NewJob}.
 * Works on the JSON tree rather than a bound record so that every bad field is reported at once, with the path the
 * client wrote, and so that unknown fields are refused instead of silently dropped.
 */
@ApplicationScoped
public class JobRequestReader {

    static final Set<String> FIELDS = Set.of("name", "payload", "idempotencyKey", "delayMs");

    private final PayloadCodec codec;

    public JobRequestReader(PayloadCodec codec) {
        this.codec = codec;
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
        long delayMs = delayMs(request.get("delayMs"), path, errors);
        if (!errors.isEmpty()) {
            return new JobRead.Rejected(errors);
        }
        return new JobRead.Valid(new NewJob(type.orElseThrow(), payloadJson, caller.tenant(), caller.workspace(),
                caller.subject(), idempotencyKey, delayMs));
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

    private static long delayMs(JsonNode delay, String path, List<FieldError> errors) {
        if (absent(delay)) {
            return 0;
        }
        String field = at(path, "delayMs");
        if (!delay.isIntegralNumber()) {
            errors.add(new FieldError(field, "must be an integer"));
            return 0;
        }
        if (!delay.canConvertToLong() || delay.longValue() < 0 || delay.longValue() > JobLimits.MAX_DELAY_MS) {
            errors.add(new FieldError(field, "must be between 0 and " + JobLimits.MAX_DELAY_MS));
            return 0;
        }
        return delay.longValue();
    }

    // An explicit null for an optional field means the same as leaving it out.
    private static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
