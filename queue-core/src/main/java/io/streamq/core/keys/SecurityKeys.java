package io.streamq.core.keys;

/**
 * Every Redis key of the owner-security library (service-security). See docs/security.md.
 *
 * <ul>
 * <li>Rate-limit buckets of one endpoint group share the tag {@code {rl:<group>}}: the per-IP and the per-user
 * bucket of a request are checked in one script, which on Redis Cluster needs one slot; a tag per group spreads
 * the groups over slots instead of funnelling all traffic through one.</li>
 * <li>Confirm tokens are one key each (one script touches one key), named by the SHA-256 of the token so a copy
 * of the database does not hand out usable tokens.</li>
 * <li>The audit and data-access streams share {@code {audit}}; they are written at the rate of owner actions,
 * far below what one slot serves.</li>
 * </ul>
 */
public final class SecurityKeys {

    private SecurityKeys() {
    }

    /** GCRA bucket of one client IP in one endpoint group (string: the bucket's theoretical arrival time). */
    public static String rateLimitByIp(String group, String ip) {
        return "sec:{rl:" + group + "}:ip:" + ip;
    }

    /** GCRA bucket of one authenticated user in one endpoint group. */
    public static String rateLimitByUser(String group, String user) {
        return "sec:{rl:" + group + "}:user:" + user;
    }

    /** Hash of one confirm token, by the hex SHA-256 of the token. */
    public static String confirmToken(String tokenSha256Hex) {
        return "sec:confirm:" + tokenSha256Hex;
    }

    /** Stream of audit entries of mutations (attempts and outcomes). */
    public static String auditStream() {
        return "sec:{audit}:mutations";
    }

    /** Stream of data-access entries of sensitive reads (payloads, exports). */
    public static String dataAccessStream() {
        return "sec:{audit}:access";
    }
}
