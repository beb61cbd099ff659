package io.streamq.security.confirm;

import java.time.Instant;
import java.util.Map;

/**
 * The answer to the first call of a destructive action (HTTP 202): nothing was destroyed; repeat the call with
 * {@code token} in the {@value ConfirmTokens#HEADER} header before {@code expiresAt} to do it.
 *
 * @param summary what would be destroyed, e.g. {@code {"queue": "email", "jobs": 1234}}
 */
public record ConfirmChallenge(String status, String action, String token, Instant expiresAt, long expiresInSeconds,
                               Map<String, Object> summary) {

    public static final String STATUS = "confirmation-required";
}
