package io.streamq.producer;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/** Tokens signed with the test-only key of src/test/resources/test-keys (see its README). */
final class TestTokens {

    static final String ISSUER = "streamq-dev";

    private TestTokens() {
    }

    static String producer(String tenant) {
        return withRole("producer", tenant);
    }

    static String owner() {
        return withRole("OWNER", null);
    }

    /** @param tenant null for a token without the claim */
    static String withRole(String role, String tenant) {
        return claims(role, tenant).sign();
    }

    /** A producer token of its own subject, so its rate-limit bucket is its own. */
    static String producerAs(String subject, String tenant) {
        return Jwt.issuer(ISSUER).subject(subject).groups("producer").claim("tenant", tenant).sign();
    }

    /** A narrow owner token (service-security policies claim) without the producer or OWNER role. */
    static String readPolicyOnly(String tenant, String... groups) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject("dashboard-1").claim("tenant", tenant)
                .claim("policies", java.util.List.of("READ"));
        return (groups.length == 0 ? claims : claims.groups(java.util.Set.of(groups))).sign();
    }

    static String expired(String tenant) {
        long now = Instant.now().getEpochSecond();
        // Well past the verifier's clock skew allowance.
        return claims("producer", tenant).issuedAt(now - 7200).expiresAt(now - 3600).sign();
    }

    static String wrongIssuer(String tenant) {
        return Jwt.issuer("someone-else").subject("user-1").groups("producer").claim("tenant", tenant).sign();
    }

    /** Right claims, signed by a key the service has never seen. */
    static String foreignKey(String tenant) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims("producer", tenant).sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtClaimsBuilder claims(String role, String tenant) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER).subject("user-" + role).groups(role).claim("workspace", "ws-1");
        return tenant == null ? claims : claims.claim("tenant", tenant);
    }
}
