package io.streamq.monitor;

import io.smallrye.jwt.build.Jwt;

import java.util.List;
import java.util.Set;

/** Tokens signed with the test-only key of src/test/resources/test-keys (see its README). */
final class TestTokens {

    static final String ISSUER = "streamq-dev";

    private TestTokens() {
    }

    static String owner(String subject) {
        return Jwt.issuer(ISSUER).subject(subject).groups("OWNER").sign();
    }

    static String owner() {
        return owner("owner-1");
    }

    static String producer() {
        return Jwt.issuer(ISSUER).subject("app-1").groups("producer").claim("tenant", "t-1").sign();
    }

    /** A dashboard token: the READ policy only. */
    static String readOnly() {
        return Jwt.issuer(ISSUER).subject("dashboard-1").groups(Set.of("dashboard")).claim("policies", List.of("READ"))
                .sign();
    }
}
