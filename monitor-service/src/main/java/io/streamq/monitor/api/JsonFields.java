package io.streamq.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.security.error.FieldProblem;

import java.util.List;
import java.util.Set;

/** Checks shared by the bodies read as JSON trees, so that every bad field can be named at once. */
final class JsonFields {
    private JsonFields() {
    }

    /** A problem per field of {@code object} that is not in {@code known}, named with {@code prefix}. */
    static void unknown(JsonNode object, Set<String> known, String prefix, List<FieldProblem> errors) {
        object.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(new FieldProblem(prefix + name, "is not a known field"));
            }
        });
    }
}
