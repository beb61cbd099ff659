package io.streamq.security.confirm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * SHA-256 of the action's parameters as canonical JSON (map keys sorted), so {@code {a,b}} and {@code {b,a}} bind
 * the same token, while any changed value (another queue, another filter) does not.
 */
public final class ParamsHash {

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ParamsHash() {
    }

    public static String of(Map<String, ?> params) {
        try {
            return sha256(CANONICAL.writeValueAsString(params == null ? Map.of() : params));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("confirm-token parameters must be plain JSON values", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
