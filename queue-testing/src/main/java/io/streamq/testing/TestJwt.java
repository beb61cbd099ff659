package io.streamq.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * RS256 JWTs signed with a TEST-ONLY private key ({@link TestKey}), with JDK crypto only (no JWT library): the one
 * signer of the tests and the benchmark. Canned tokens for the services' tests are in {@link TestTokens}.
 *
 * <pre>{@code
 * String token = TestKey.shared().signer()
 *         .sign(TestTokens.ISSUER, "alice", List.of("OWNER"), Map.of(), Duration.ofHours(1));
 * }</pre>
 */
public final class TestJwt {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final JsonFactory JSON = new JsonFactory();

    private final PrivateKey key;
    /** The header's {@code kid}; null for a token without one. */
    private final String kid;

    public TestJwt(PrivateKey key) {
        this(key, null);
    }

    public TestJwt(PrivateKey key, String kid) {
        this.key = key;
        this.kid = kid;
    }

    /** This signer with another {@code kid} in the header, or none for null (the signature key stays the same). */
    public TestJwt withKeyId(String otherKid) {
        return new TestJwt(key, otherKid);
    }

    /**
     * A token issued now, expiring after {@code ttl}, with {@code iss}, {@code sub} and {@code upn} (both the
     * subject), {@code groups} (the roles; no claim when empty), {@code claims} as further claims (strings, numbers or
     * lists of strings), and a random {@code jti}.
     */
    public String sign(String issuer, String subject, List<String> groups, Map<String, ?> claims, Duration ttl) {
        Instant now = Instant.now();
        return sign(issuer, subject, groups, claims, now, now.plus(ttl));
    }

    /** {@link #sign(String, String, List, Map, Duration)} with the given {@code iat} and {@code exp}. */
    public String sign(String issuer, String subject, List<String> groups, Map<String, ?> claims, Instant issuedAt,
            Instant expiresAt) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("iss", issuer);
        all.put("sub", subject);
        all.put("upn", subject);
        if (!groups.isEmpty()) {
            all.put("groups", groups);
        }
        all.putAll(claims);
        all.put("iat", issuedAt.getEpochSecond());
        all.put("exp", expiresAt.getEpochSecond());
        all.put("jti", UUID.randomUUID().toString());
        String header = kid == null ? "{\"alg\":\"RS256\",\"typ\":\"JWT\"}"
                : "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String head = B64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8));
        String body = B64URL.encodeToString(json(all).getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
            return head + "." + body + "." + B64URL.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static String json(Map<String, ?> claims) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, ?> claim : claims.entrySet()) {
                json.writeFieldName(claim.getKey());
                switch (claim.getValue()) {
                    case Number n -> json.writeNumber(n.longValue());
                    case Collection<?> values -> {
                        json.writeStartArray();
                        for (Object v : values) {
                            json.writeString(v.toString());
                        }
                        json.writeEndArray();
                    }
                    case Object v -> json.writeString(v.toString());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
