package io.streamq.security.json;

import io.streamq.security.error.ProblemException;
import io.streamq.security.error.ProblemTypes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Every request body of every service is JSON in UTF-8, so a body must say so: {@code Content-Type:
 * application/json}, with no charset or {@code charset=utf-8}. Without a Content-Type the REST layer would guess;
 * with another charset the bytes would be read as UTF-8 anyway, i.e. as something other than what the client meant.
 * Refused with 415 before routing, like any other unsupported media type, so before the token is looked at.
 * Requests without a body (most POSTs of an action) need no Content-Type.
 */
public class JsonContentType {

    @ServerRequestFilter(preMatching = true)
    public void check(HttpServerRequest http) {
        if (!hasBody(http)) {
            return;
        }
        String header = http.getHeader(HttpHeaders.CONTENT_TYPE);
        if (header == null || header.isBlank()) {
            throw unsupported("The request has a body but no Content-Type; send application/json.");
        }
        MediaType type;
        try {
            type = MediaType.valueOf(header);
        } catch (IllegalArgumentException e) {
            throw unsupported("The Content-Type is not a media type; send application/json.");
        }
        if (!type.getType().equalsIgnoreCase("application") || !type.getSubtype().equalsIgnoreCase("json")) {
            throw unsupported("The request body must be application/json.");
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.strip().equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            throw unsupported("The request body must be UTF-8; leave out the charset or send charset=utf-8.");
        }
    }

    /** A declared length above zero or a chunked body; a body of no bytes is no body. */
    private static boolean hasBody(HttpServerRequest http) {
        String length = http.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return http.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static ProblemException unsupported(String detail) {
        return new ProblemException(415, ProblemTypes.BLANK, null, detail, Map.of(), null);
    }
}
