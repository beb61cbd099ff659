package io.streamq.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens for the services' tests, signed with the TEST-ONLY {@link TestKey#shared()} pair (see resources
 * {@code test-keys/README.md}), issuer {@link #ISSUER}: what every service's {@code %test} profile verifies.
 */
public final class TestTokens {

    public static final String ISSUER = "streamq-test";
    private static final Duration TTL = Duration.ofHours(1);

    private TestTokens() {
    }

    public static String owner() {
        return owner("owner-1");
    }

    public static String owner(String user) {
        return sign(user, List.of("OWNER"), Map.of());
    }

    /** A producer without a tenant claim. */
    public static String producer(String user) {
        return sign(user, List.of("producer"), Map.of());
    }

    /** A producer of {@code tenant} in workspace {@code ws-1}, subject {@code user-producer}. */
    public static String producerOf(String tenant) {
        return withRole("producer", tenant);
    }

    /** A producer token of its own subject, so its rate-limit bucket is its own. */
    public static String producerAs(String subject, String tenant) {
        return sign(subject, List.of("producer"), Map.of("tenant", tenant));
    }

    /** Subject {@code user-<role>}, workspace {@code ws-1}; {@code tenant} null for a token without the claim. */
    public static String withRole(String role, String tenant) {
        Map<String, Object> claims = new LinkedHashMap<>(Map.of("workspace", "ws-1"));
        if (tenant != null) {
            claims.put("tenant", tenant);
        }
        return sign("user-" + role, List.of(role), claims);
    }

    /** A dashboard token that holds the given owner policies (service-security's {@code policies} claim). */
    public static String policies(String user, String... policies) {
        return sign(user, List.of("dashboard"), Map.of("policies", List.of(policies)));
    }

    /**
     * A narrow owner token of {@code tenant} (the READ policy) without the producer or OWNER role: in {@code groups}
     * only, or without a groups claim when none are given.
     */
    public static String readPolicyOnly(String tenant, String... groups) {
        return sign("dashboard-1", List.of(groups), Map.of("tenant", tenant, "policies", List.of("READ")));
    }

    /** An OWNER token that expired an hour ago: beyond any clock-skew allowance of the verifier. */
    public static String expired(String user) {
        Instant now = Instant.now();
        return TestKey.shared().signer().sign(ISSUER, user, List.of("OWNER"), Map.of(), now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)));
    }

    /** An OWNER token valid for {@code seconds} more. */
    public static String expiringIn(String user, long seconds) {
        return TestKey.shared().signer().sign(ISSUER, user, List.of("OWNER"), Map.of(), Duration.ofSeconds(seconds));
    }

    /** An OWNER token issued {@code seconds} from now (negative: in the past), valid for an hour after that. */
    public static String issuedIn(String user, long seconds) {
        Instant issued = Instant.now().plusSeconds(seconds);
        return TestKey.shared().signer().sign(ISSUER, user, List.of("OWNER"), Map.of(), issued, issued.plus(TTL));
    }

    /** A token whose {@code groups} is the plain string {@code "OWNER"} rather than an array. */
    public static String groupsAsString(String user) {
        return sign(user, List.of(), Map.of("groups", "OWNER"));
    }

    /** An OWNER token of the shared key whose header names {@code kid} (null: no kid at all). */
    public static String ownerWithKeyId(String user, String kid) {
        return TestKey.shared().signer().withKeyId(kid).sign(ISSUER, user, List.of("OWNER"), Map.of(), TTL);
    }

    public static String wrongIssuer(String user) {
        return TestKey.shared().signer().sign("someone-else", user, List.of("OWNER"), Map.of(), TTL);
    }

    /** Right claims, signed by a key the services have never seen. */
    public static String wrongSignature(String user) {
        return TestKey.generate().signer().sign(ISSUER, user, List.of("OWNER"), Map.of(), TTL);
    }

    private static String sign(String subject, List<String> groups, Map<String, ?> claims) {
        return TestKey.shared().signer().sign(ISSUER, subject, groups, claims, TTL);
    }
}
