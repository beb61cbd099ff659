package io.streamq.core.contract.payload;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * Reads dates only from ISO-8601 strings. The JSR-310 module also reads {@code [2024,5,31]}, turns {@code []} into
 * null and, depending on leniency, epoch numbers; a payload that is stored and replayed later should have one
 * spelling per value. Writing is left to the JSR-310 module.
 */
final class IsoDates {

    private IsoDates() {
    }

    static SimpleModule module() {
        return new SimpleModule("streamq-iso-dates")
                .addDeserializer(LocalDate.class, new Strict<>(LocalDate.class, LocalDate::parse))
                // Instant.parse takes ISO_INSTANT, which accepts "Z" and numeric offsets such as +02:00.
                .addDeserializer(Instant.class, new Strict<>(Instant.class, Instant::parse));
    }

    private static final class Strict<T> extends StdScalarDeserializer<T> {

        private final transient Function<String, T> parse;

        Strict(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Class<T> type = (Class<T>) handledType();
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (T) ctxt.handleUnexpectedToken(type, p);
            }
            String text = p.getText();
            try {
                return parse.apply(text);
            } catch (DateTimeException e) {
                return (T) ctxt.handleWeirdStringValue(type, text, "not an ISO-8601 value");
            }
        }
    }
}
