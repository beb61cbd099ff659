package io.streamq.core.contract.payload;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns Jackson's binding failures into a {@link FieldError}. Jackson's own messages name Java types and
 * deserializer internals, which mean nothing to a client and leak our implementation, so the message is rebuilt
 * from the exception's kind, target type and path.
 */
final class JacksonErrors {

    static final String ROOT = "payload";

    private final ObjectMapper mapper;

    JacksonErrors(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    FieldError of(JacksonException e) {
        List<JsonMappingException.Reference> refs = e instanceof JsonMappingException m ? m.getPath() : List.of();
        return new FieldError(path(refs), message(e));
    }

    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder(ROOT);
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                out.append('.').append(ref.getFieldName());
            }
        }
        return out.toString();
    }

    private String message(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e.getCause() instanceof InputCoercionException) {
            return "is out of range";
        }
        if (e instanceof InvalidFormatException f) {
            return expectation(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m) {
            if (isMissingRequired(m)) {
                return "is required";
            }
            if (currentToken(m) == JsonToken.VALUE_NULL) {
                return "must not be null";
            }
            return expectation(m.getTargetType());
        }
        return "is invalid";
    }

    private String expectation(Class<?> type) {
        if (type == null) {
            return "is invalid";
        }
        if (type.isEnum()) {
            return "must be one of: " + wireValues(type);
        }
        if (type == LocalDate.class) {
            return "must be an ISO-8601 date such as 2024-05-31";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 UTC timestamp such as 2024-05-31T12:00:00Z";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (isIntegral(type)) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || JobPayload.class.isAssignableFrom(type)) {
            return "must be an object";
        }
        return "is invalid";
    }

    private static boolean isIntegral(Class<?> type) {
        return type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == byte.class || type == Byte.class
                || type == BigInteger.class;
    }

    /** The enum's JSON spellings as the mapper writes them, so the hint always matches what is accepted. */
    private String wireValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(c -> mapper.valueToTree(c).asText())
                .collect(Collectors.joining(", "));
    }

    /** Jackson reports a missing {@code required} creator property with this wording and no dedicated subtype. */
    private static boolean isMissingRequired(MismatchedInputException e) {
        String original = e.getOriginalMessage();
        return original != null && original.startsWith("Missing required creator property");
    }

    private static JsonToken currentToken(JacksonException e) {
        return e.getProcessor() instanceof JsonParser p ? p.currentToken() : null;
    }
}
