package io.streamq.core.contract.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.streamq.core.contract.JobType;
import io.streamq.core.json.StrictBinding;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Binds a request's JSON payload to the record of its job type, strictly, and writes records back as canonical JSON.
 * Strict because a payload is stored and run later by a worker: whatever is lenient here becomes a surprise there.
 * Thread-safe once built; needs no CDI.
 */
public final class PayloadCodec {

    private final ObjectMapper mapper;
    private final Validator validator;
    private final JacksonErrors jacksonErrors;

    /** Configures a copy of {@code mapper}, so the application's own mapper keeps its (usually lenient) settings. */
    public PayloadCodec(ObjectMapper mapper, Validator validator) {
        this.mapper = strict(Objects.requireNonNull(mapper, "mapper").copy());
        this.validator = Objects.requireNonNull(validator, "validator");
        this.jacksonErrors = new JacksonErrors(this.mapper);
    }

    /**
     * @throws InvalidPayloadException if the payload is absent, not an object, does not bind to the type's record,
     *                                 or breaks its constraints; every error names a {@code payload.}-prefixed path
     */
    public JobPayload decode(JobType type, JsonNode payload) throws InvalidPayloadException {
        Objects.requireNonNull(type, "type");
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            throw invalid(JacksonErrors.ROOT, "is required");
        }
        if (!payload.isObject()) {
            throw invalid(JacksonErrors.ROOT, "must be an object");
        }
        JobPayload value;
        try {
            value = mapper.treeToValue(payload, type.payloadClass());
        } catch (JacksonException e) {
            throw new InvalidPayloadException(List.of(jacksonErrors.of(e)));
        }
        Set<ConstraintViolation<JobPayload>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new InvalidPayloadException(ViolationErrors.of(violations));
        }
        return value;
    }

    /** Canonical: properties and map keys sorted, absent optional fields left out, dates as ISO-8601 text. */
    public String encode(JobPayload payload) {
        Objects.requireNonNull(payload, "payload");
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            // Records hold only JSON-shaped values; failing here is a bug, not bad input.
            throw new IllegalStateException("cannot encode " + payload.getClass().getSimpleName(), e);
        }
    }

    private static InvalidPayloadException invalid(String field, String message) {
        return new InvalidPayloadException(List.of(new FieldError(field, message)));
    }

    // The injected mapper may be a plain ObjectMapper rather than a JsonMapper, so the builder is not available
    // and mapper features have to be set through the deprecated mutators.
    @SuppressWarnings("deprecation")
    private static ObjectMapper strict(ObjectMapper m) {
        m.registerModule(new JavaTimeModule());
        m.registerModule(IsoDates.module());
        // The field names are the wire contract; an application-wide naming strategy must not rename them.
        m.setPropertyNamingStrategy(null);

        StrictBinding.apply(m);

        m.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        m.configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        m.configure(SerializationFeature.INDENT_OUTPUT, false);
        m.configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);
        // Nulls inside free-form maps are data and stay; only absent optional record fields are dropped.
        m.setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));
        return m;
    }
}
