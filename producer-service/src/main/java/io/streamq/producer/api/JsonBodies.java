package io.streamq.producer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.streamq.security.error.InvalidRequestException;
import io.streamq.security.error.ProblemException;
import io.streamq.security.error.ProblemTypes;
import io.streamq.security.json.StrictJson;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Parses request bodies here rather than in the REST layer: the caller is checked before the body is looked at,
 * and every bad field can be named from the tree. Parse errors are left to the library's Jackson mapper
 * ({@code JsonBodyProblems}), so producer answers them exactly like every other service.
 */
@ApplicationScoped
public class JsonBodies {

    private final ObjectReader reader;

    /** The library's strict reader: duplicate keys, trailing content and unpaired surrogates are refused. */
    public JsonBodies(StrictJson strict) {
        this.reader = strict.mapper().reader();
    }

    /**
     * @throws JsonProcessingException  if the body is not JSON: 400 malformed-body, with the line and column
     * @throws ProblemException         if the body is empty (400 malformed-body)
     * @throws InvalidRequestException if it is JSON but not an object
     */
    public JsonNode object(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            // The library has no factory for this type; title as its JsonBodyProblems writes it.
            throw new ProblemException(400, ProblemTypes.MALFORMED_BODY, "Malformed request body",
                    "The request body is empty; a JSON object is expected.", Map.of(), null);
        }
        JsonNode node = reader.readTree(body);
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException("The request body must be a JSON object.", List.of());
        }
        return node;
    }
}
