package io.streamq.gateway;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

/** Tokens signed with the TEST-ONLY key of src/test/resources/test-keys (see its README). */
final class TestTokens {

    static final String ISSUER = "streamq-test";

    private TestTokens() {
    }

    static String owner(String user) {
        return base(user).groups(Set.of("OWNER")).sign();
    }

    static String producer(String user) {
        return base(user).groups(Set.of("producer")).sign();
    }

    static String policies(String user, String... policies) {
        return base(user).groups(Set.of("dashboard")).claim("policies", List.of(policies)).sign();
    }

    /** Expired an hour ago: beyond any clock-skew allowance of the verifier. */
    static String expired(String user) {
        long now = System.currentTimeMillis() / 1000;
        return base(user).groups(Set.of("OWNER")).issuedAt(now - 7200).expiresAt(now - 3600).sign();
    }

    /** A READ token valid for {@code seconds} more. */
    static String expiringIn(String user, long seconds) {
        long now = System.currentTimeMillis() / 1000;
        return base(user).groups(Set.of("OWNER")).issuedAt(now).expiresAt(now + seconds).sign();
    }

    static String wrongSignature(String user) {
        return base(user).groups(Set.of("OWNER")).sign(otherKey());
    }

    private static JwtClaimsBuilder base(String user) {
        return Jwt.issuer(ISSUER).upn(user);
    }

    private static java.security.PrivateKey otherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
