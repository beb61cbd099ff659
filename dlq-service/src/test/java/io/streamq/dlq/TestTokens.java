package io.streamq.dlq;

import io.smallrye.jwt.build.Jwt;

import java.util.List;
import java.util.Set;

/** Tokens signed with the TEST-ONLY key of src/test/resources/test-keys (see its README). */
final class TestTokens {

    static final String ISSUER = "streamq-test";

    private TestTokens() {
    }

    static String owner(String user) {
        return Jwt.issuer(ISSUER).upn(user).groups(Set.of("OWNER")).sign();
    }

    static String producer(String user) {
        return Jwt.issuer(ISSUER).upn(user).groups(Set.of("producer")).sign();
    }

    static String policies(String user, String... policies) {
        return Jwt.issuer(ISSUER).upn(user).groups(Set.of("dashboard")).claim("policies", List.of(policies)).sign();
    }
}
