package io.streamq.producer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.streamq.producer.error.InvalidRequestException;
import io.streamq.producer.error.MalformedBodyException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Parses request bodies here rather than in the REST layer: the caller is checked before the body is looked at,
 * and parse errors are reported the same way whatever Jackson version or reader is underneath.
 */
@ApplicationScoped
public class JsonBodies {

    private final ObjectReader reader;

    public JsonBodies(ObjectMapper mapper) {
        // Duplicate keys would leave it to the parser which value counts; trailing garbage hints at a broken client.
        this.reader = mapper.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * @throws MalformedBodyException   if the body is empty or not JSON; says where the JSON broke
     * @throws InvalidRequestException if it is JSON but not an object
     */
    public JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedBodyException("The request body is empty; a JSON object is expected.");
        }
        JsonNode node;
        try {
            node = reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw MalformedBodyException.from(e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequestException("The request body must be a JSON object.", List.of());
        }
        return node;
    }
}
