package io.streamq.security.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.streamq.security.config.SecurityConfig;
import io.streamq.testing.ConfigMappingCheck;
import io.streamq.testing.TestKey;
import io.streamq.testing.TestTokens;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time rules of the cache, on a clock the test moves: tokens are verified for real (the test key, now), then
 * asked for again at chosen instants, exactly where the verifier would start refusing them.
 */
class VerifiedTokensTest {

    private final JWTAuthContextInfo verifier = new JWTAuthContextInfo("test-keys/test-public.pem", TestTokens.ISSUER);
    private final ManualClock clock = new ManualClock();

    @Test
    void aVerifiedTokenIsHandedOutAgain() throws ParseException {
        VerifiedTokens cache = cache(Map.of());
        String token = TestTokens.policies("dash-1", "READ");
        JsonWebToken verified = verify(token);
        cache.put(token, verified);

        assertThat(cache.get(token)).isSameAs(verified);
        assertThat(cache.get(TestTokens.policies("dash-1", "READ"))).as("another token, same claims").isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 0})
    void usableUntilExpiryPlusTheVerifiersClockSkewAndNoLonger(int skew) throws ParseException {
        verifier.setClockSkew(skew);
        VerifiedTokens cache = cache(Map.of("streamq.security.token-cache.max-ttl", "1h"));
        String token = TestTokens.expiringIn("owner-1", 30);
        JsonWebToken verified = verify(token);
        cache.put(token, verified);
        // jose4j refuses once the whole seconds of now, less the skew, reach exp.
        assertUsableUntil(cache, token, verified, (verified.getExpirationTime() + skew) * 1000);
    }

    @Test
    void neverLongerThanTheMaxTtlAfterVerification() throws ParseException {
        VerifiedTokens cache = cache(Map.of("streamq.security.token-cache.max-ttl", "60s"));
        String token = TestTokens.owner("owner-1");
        JsonWebToken verified = verify(token);
        long verifiedAt = clock.millis();
        cache.put(token, verified);

        assertUsableUntil(cache, token, verified, verifiedAt + 60_000);
    }

    @Test
    void aConfiguredTokenAgeEndsTheEntryToo() throws ParseException {
        verifier.setTokenAge(120L);
        VerifiedTokens cache = cache(Map.of("streamq.security.token-cache.max-ttl", "1h"));
        String token = TestTokens.owner("owner-1");
        JsonWebToken verified = verify(token);
        cache.put(token, verified);
        // smallrye-jwt refuses once the whole seconds since iat exceed the age.
        assertUsableUntil(cache, token, verified, (verified.getIssuedAtTime() + 121) * 1000);
    }

    @Test
    void holdsNoMoreThanMaxEntries() throws ParseException {
        VerifiedTokens cache = cache(Map.of("streamq.security.token-cache.max-entries", "5"));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String token = TestTokens.producerAs("app-" + i, "t1");
            cache.put(token, verify(token));
            tokens.add(token);
        }

        long kept = tokens.stream().filter(token -> cache.get(token) != null).count();
        assertThat(kept).isBetween(1L, 5L);
    }

    @Test
    void aVeryLongTokenIsNotKept() throws ParseException {
        VerifiedTokens cache = cache(Map.of());
        String token = TestKey.shared().signer().sign(TestTokens.ISSUER, "owner-1", List.of("OWNER"),
                Map.of("padding", "x".repeat(9_000)), Duration.ofHours(1));
        cache.put(token, verify(token));

        assertThat(cache.get(token)).isNull();
    }

    /** Handed out up to the last millisecond before {@code refusedAt}, and not from then on. */
    private void assertUsableUntil(VerifiedTokens cache, String token, JsonWebToken verified, long refusedAt) {
        clock.set(refusedAt - 1);
        assertThat(cache.get(token)).isSameAs(verified);
        clock.set(refusedAt);
        assertThat(cache.get(token)).isNull();
    }

    private VerifiedTokens cache(Map<String, String> properties) {
        SecurityConfig.TokenCache limits = ConfigMappingCheck.load(SecurityConfig.class, properties).tokenCache();
        return new VerifiedTokens(limits, verifier, clock);
    }

    /** The real verifier, against the real clock: what the cache is given in production. */
    private JsonWebToken verify(String token) throws ParseException {
        return new DefaultJWTParser(verifier).parse(token);
    }

    /** Starts at the real now, so that freshly signed tokens are valid; then moved by the test. */
    private static final class ManualClock implements InstantSource {

        private volatile Instant now = Instant.now();

        void set(long epochMillis) {
            now = Instant.ofEpochMilli(epochMillis);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
