package io.streamq.core.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The one definition of "strict" for binding client JSON to records: unknown fields, nulls for primitives, numbers
 * for enums, scalars of the wrong kind (a number where a string goes, {@code "5"} where a number goes) and case
 * games are all refused instead of guessed. Used by the job payload codec and by the services' request-body reader.
 */
public final class StrictBinding {

    private StrictBinding() {
    }

    /** Configures {@code m} in place (callers pass a copy of the application's mapper) and returns it. */
    // The injected mapper may be a plain ObjectMapper rather than a JsonMapper, so the builder is not available
    // and mapper features have to be set through the deprecated mutators.
    @SuppressWarnings("deprecation")
    public static ObjectMapper apply(ObjectMapper m) {
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        m.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        m.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        m.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        m.configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);
        m.configure(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS, false);
        m.configure(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT, false);
        m.configure(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT, false);
        m.configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, false);
        m.configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE, false);
        m.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        m.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, false);
        m.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, false);
        m.setDefaultLeniency(false);

        // ALLOW_COERCION_OF_SCALARS covers strings to numbers; these also close numbers/booleans to strings.
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Float)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        return m;
    }
}
