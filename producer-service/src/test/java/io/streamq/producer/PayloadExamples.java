package io.streamq.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The shared payload examples of queue-testing: a valid and an invalid payload per job type. */
final class PayloadExamples {

    private static final JsonNode EXAMPLES = load();

    private PayloadExamples() {
    }

    // Copies: a test that edits its job's payload must not edit the next test's.
    static JsonNode valid(String type) {
        return of(type).get("valid").deepCopy();
    }

    static JsonNode invalid(String type) {
        return of(type).get("invalid").deepCopy();
    }

    static String invalidField(String type) {
        return of(type).get("invalidField").asText();
    }

    private static JsonNode of(String type) {
        JsonNode example = EXAMPLES.get(type);
        if (example == null) {
            throw new IllegalArgumentException("no payload example for " + type);
        }
        return example;
    }

    private static JsonNode load() {
        try (InputStream in = PayloadExamples.class.getResourceAsStream("/payload-examples.json")) {
            if (in == null) {
                throw new IllegalStateException("/payload-examples.json is not on the test classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
