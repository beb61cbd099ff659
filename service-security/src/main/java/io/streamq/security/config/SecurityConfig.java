package io.streamq.security.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code streamq.security.*}; defaults in this jar's {@code META-INF/microprofile-config.properties}. */
@ConfigMapping(prefix = "streamq.security")
public interface SecurityConfig {

    /** Limits per endpoint group: {@code streamq.security.rate-limit.<group>.per-ip / .per-user / .window}. */
    Map<String, RateLimitGroup> rateLimit();

    /**
     * Proxies (CIDRs such as {@code 10.0.0.0/8}, or single addresses) whose {@code X-Forwarded-For} is believed.
     * Empty: the socket's peer is the client, whatever the header says.
     */
    Optional<List<String>> trustedProxies();

    /**
     * Requests whose authentication failed, per client IP, in buckets of their own (never an endpoint group's): a
     * flood of bad tokens is refused with 429 without spending the allowance of valid users behind the same IP.
     */
    AuthFailures authFailures();

    Audit audit();

    Confirm confirm();

    TokenCache tokenCache();

    interface RateLimitGroup {
        /** Requests per window from one client IP; 0 switches the per-IP limit off. */
        @Min(0)
        int perIp();

        /** Requests per window from one authenticated user; 0 switches the per-user limit off. */
        @Min(0)
        int perUser();

        @WithDefault("60s")
        @DurationMin(millis = 1)
        Duration window();
    }

    interface AuthFailures {
        /** Failed authentications per window from one client IP; 0 switches the limit off. */
        @WithDefault("120")
        @Min(0)
        int perIp();

        @WithDefault("60s")
        @DurationMin(millis = 1)
        Duration window();
    }

    interface Audit {
        /** Upper bound of entries per stream (trimmed approximately, never below it). */
        @WithDefault("1000000")
        @Min(1)
        long maxEntries();

        /** Entries older than this are trimmed on the next write. */
        @WithDefault("P90D")
        @DurationMin(millis = 1)
        Duration retention();
    }

    interface Confirm {
        /** How long a confirm token can be spent. */
        @WithDefault("60s")
        @DurationMin(millis = 1)
        Duration ttl();

        /** How long a spent or expired token is remembered, to answer "used"/"expired" rather than "unknown". */
        @WithDefault("10m")
        @DurationMin(millis = 1)
        Duration grace();
    }

    /**
     * Bearer tokens that passed verification, kept so that the next request with the same token skips the RSA check
     * (the largest cost of a small request). An entry is used while the verifier would still accept the token, and
     * never longer than {@link #maxTtl()} after it was verified.
     */
    interface TokenCache {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("10000")
        @Min(1)
        int maxEntries();

        /** Bounds how long a token stays accepted after its key was rotated away or the token was revoked. */
        @WithDefault("60s")
        @DurationMin(millis = 1)
        Duration maxTtl();

        /** Longer tokens (characters) are verified every time, so that max-entries bounds the memory too. */
        @WithDefault("8192")
        @Min(1)
        int maxTokenLength();
    }
}
