package io.streamq.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * RS256 JWTs signed with a TEST-ONLY PKCS#8 PEM private key, with JDK crypto only (no JWT library), for tests that
 * call packaged services configured with the matching public key ({@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}).
 *
 * <pre>{@code
 * String token = new TestJwt(keys.resolve("test-private.pem"))
 *         .sign("streamq-dev", "alice", List.of("OWNER"), Map.of(), Duration.ofHours(1));
 * }</pre>
 */
public final class TestJwt {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;

    /** Reads the key from a {@code -----BEGIN PRIVATE KEY-----} (PKCS#8) PEM file. */
    public TestJwt(Path privatePkcs8Pem) {
        try {
            String pem = Files.readString(privatePkcs8Pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            this.key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test key " + privatePkcs8Pem, e);
        }
    }

    /**
     * A token issued now, expiring after {@code ttl}, with {@code iss}, {@code sub} and {@code upn} (both the
     * subject), {@code groups} (the roles), {@code claims} as further string claims, and a random {@code jti}.
     */
    public String sign(String issuer, String subject, List<String> groups, Map<String, String> claims, Duration ttl) {
        long now = Instant.now().getEpochSecond();
        StringBuilder json = new StringBuilder("{\"iss\":").append(quote(issuer))
                .append(",\"sub\":").append(quote(subject))
                .append(",\"upn\":").append(quote(subject))
                .append(",\"groups\":[").append(groups.stream().map(TestJwt::quote).collect(Collectors.joining(",")))
                .append(']');
        claims.forEach((name, value) -> json.append(',').append(quote(name)).append(':').append(quote(value)));
        json.append(",\"iat\":").append(now).append(",\"exp\":").append(now + ttl.toSeconds())
                .append(",\"jti\":").append(quote(UUID.randomUUID().toString())).append('}');
        return signClaims(json.toString());
    }

    /** {@code header.claims.signature} over the given claims JSON, as it is. */
    public String signClaims(String claimsJson) {
        String head = B64URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = B64URL.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
            return head + "." + body + "." + B64URL.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON string literal; test values are plain, but quotes, backslashes and control characters are escaped. */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
