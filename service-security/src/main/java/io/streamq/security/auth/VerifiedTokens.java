package io.streamq.security.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.streamq.security.config.SecurityConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.time.InstantSource;

/**
 * Tokens that passed verification, keyed by their whole text (so two tokens never share an entry). An entry is
 * handed out only while the verifier would still accept its token by time: before {@code exp} plus the verifier's
 * clock skew, within the token age if one is configured, and at most {@code max-ttl} after it was verified.
 * The verifier's other checks (signature, issuer, audience, required claims) do not change with time. A
 * {@link JsonWebToken} is not changed after it is built, so concurrent requests with the same token share one.
 */
final class VerifiedTokens {

    private record Verified(JsonWebToken token, long usableUntilMillis) {
    }

    private final Cache<String, Verified> cache;
    private final InstantSource clock;
    private final long maxTtlMillis;
    private final int maxTokenLength;
    private final long skewSeconds;
    private final Long tokenAgeSeconds;

    VerifiedTokens(SecurityConfig.TokenCache limits, JWTAuthContextInfo verifier, InstantSource clock) {
        this.clock = clock;
        this.maxTtlMillis = limits.maxTtl().toMillis();
        this.maxTokenLength = limits.maxTokenLength();
        // What smallrye-jwt hands to jose4j as the allowed clock skew (DefaultJWTTokenParser).
        this.skewSeconds = verifier.getExpGracePeriodSecs() > 0 ? verifier.getExpGracePeriodSecs()
                : Math.max(verifier.getClockSkew(), 0);
        this.tokenAgeSeconds = verifier.getTokenAge();
        this.cache = Caffeine.newBuilder()
                .maximumSize(limits.maxEntries())
                // Frees an entry once it can no longer be handed out; get() checks the deadline itself as well.
                .expireAfter(Expiry.<String, Verified>writing(
                        (token, verified) -> Duration.ofMillis(verified.usableUntilMillis() - clock.millis())))
                // Evict on the writing thread: no hand-off to a pool per new token, and the bound holds right away.
                .executor(Runnable::run)
                .build();
    }

    /** The verified token, or null when it is unknown or no longer usable. */
    JsonWebToken get(String token) {
        Verified verified = cache.getIfPresent(token);
        if (verified == null) {
            return null;
        }
        if (clock.millis() >= verified.usableUntilMillis()) {
            cache.asMap().remove(token, verified);
            return null;
        }
        return verified.token();
    }

    /** Remembers a token that {@code verified} was just parsed from by the real verifier. */
    void put(String token, JsonWebToken verified) {
        if (token.length() > maxTokenLength) {
            return;
        }
        long now = clock.millis();
        long until = usableUntil(verified, now);
        if (until > now) {
            cache.put(token, new Verified(verified, until));
        }
    }

    /**
     * jose4j refuses a token once {@code floor(now in s) - skew >= exp}, smallrye-jwt once
     * {@code floor(now in s) - iat > token age}: in milliseconds, usable strictly before the returned instant.
     */
    private long usableUntil(JsonWebToken verified, long now) {
        long until = Math.min(now + maxTtlMillis, (verified.getExpirationTime() + skewSeconds) * 1000);
        if (tokenAgeSeconds != null) {
            until = Math.min(until, (verified.getIssuedAtTime() + tokenAgeSeconds + 1) * 1000);
        }
        return until;
    }
}
