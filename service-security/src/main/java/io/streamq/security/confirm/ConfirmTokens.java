package io.streamq.security.confirm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.streamq.core.keys.SecurityKeys;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.streamq.core.script.SecurityCommands;
import io.streamq.security.config.SecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Two-step confirmation of destructive actions. {@link #issue} stores a single-use token bound to actor, action and
 * parameters; {@link #spend} checks and spends it in one script, so of concurrent attempts exactly one wins.
 */
@ApplicationScoped
public class ConfirmTokens {

    /** Where the second call carries the token; a header works for DELETE, which has no body. */
    public static final String HEADER = "X-Confirm-Token";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScriptRunner scripts;
    private final SecurityConfig config;

    public ConfirmTokens(ScriptRunner scripts, SecurityConfig config) {
        this.scripts = scripts;
        this.config = config;
    }

    public Uni<ConfirmChallenge> issue(String actor, String action, Map<String, ?> params,
                                       Map<String, Object> summary) {
        return issue(actor, action, params, summary, config.confirm().ttl());
    }

    public Uni<ConfirmChallenge> issue(String actor, String action, Map<String, ?> params,
                                       Map<String, Object> summary, Duration ttl) {
        String token = newToken();
        return scripts.run(ScriptCall.of(SecurityCommands.CONFIRM_TOKEN_ISSUE).key("token key", key(token))
                        .arg("actor", actor).arg("action", action).arg("params hash", ParamsHash.of(params))
                        .arg("summary", json(summary)).arg("ttl ms", Math.max(1, ttl.toMillis()))
                        .arg("grace ms", config.confirm().grace().toMillis()))
                .map(expiresAt -> new ConfirmChallenge(ConfirmChallenge.STATUS, action, token,
                        Instant.ofEpochMilli(expiresAt.toLong()), (ttl.toMillis() + 999) / 1000, summary));
    }

    /**
     * Answers, when this call spent the token, the Redis time (epoch ms) it was issued: when the owner was shown the
     * summary. Fails with {@link ConfirmTokenException} otherwise.
     */
    public Uni<Long> spend(String token, String actor, String action, Map<String, ?> params) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Uni.createFrom().failure(new ConfirmTokenException(ConfirmFailure.UNKNOWN));
        }
        return scripts.run(ScriptCall.of(SecurityCommands.CONFIRM_TOKEN_SPEND).key("token key", key(token))
                        .arg("actor", actor).arg("action", action).arg("params hash", ParamsHash.of(params)))
                .map(r -> {
                    String outcome = r.get(0).toString();
                    if (!"ok".equals(outcome)) {
                        throw new ConfirmTokenException(ConfirmFailure.valueOf(outcome.toUpperCase(java.util.Locale.ROOT)));
                    }
                    return r.get(1).toLong();
                });
    }

    private static String key(String token) {
        return SecurityKeys.confirmToken(ParamsHash.sha256(token));
    }

    /** 256 random bits: unguessable, so knowing the token is what proves the first call was seen. */
    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String json(Map<String, Object> summary) {
        try {
            return JSON.writeValueAsString(summary == null ? Map.of() : summary);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("summary must be plain JSON values", e);
        }
    }
}
