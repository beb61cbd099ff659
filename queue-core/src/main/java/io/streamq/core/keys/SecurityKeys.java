package io.streamq.core.keys;

/**
 * Every Redis key of the owner-security library (service-security). See docs/security.md.
 *
 * <ul>
 * <li>Rate-limit buckets of one endpoint group of one service share the tag {@code {rl:<service>:group:<group>}}: the
 * per-IP and the per-user bucket of a request are checked in one script, which on Redis Cluster needs one slot; a
 * tag per service and group spreads them over slots instead of funnelling all traffic through one. A bucket's name
 * also carries its limit ({@code <requests>/<window ms>}): a bucket holds one GCRA timestamp whose meaning depends
 * on the limit, so two services (or two configurations during a rolling update) never share one.</li>
 * <li>Failed authentications have buckets of their own per service, {@code {rl:<service>:auth-failures}}, apart
 * from every endpoint group: a flood of bad tokens never spends a valid user's allowance.</li>
 * <li>Confirm tokens are one key each (one script touches one key), named by the SHA-256 of the token so a copy
 * of the database does not hand out usable tokens.</li>
 * <li>The audit and data-access streams share {@code {audit}}; they are written at the rate of owner actions,
 * far below what one slot serves.</li>
 * </ul>
 */
public final class SecurityKeys {

    private SecurityKeys() {
    }

    /**
     * GCRA bucket of one client IP in one endpoint group of one service, for one limit (string: the bucket's
     * theoretical arrival time).
     */
    public static String rateLimitByIp(String service, String group, int limit, long windowMs, String ip) {
        return groupTag(service, group) + ":ip:" + limit + "/" + windowMs + ":" + ip;
    }

    /** GCRA bucket of one authenticated user in one endpoint group of one service, for one limit. */
    public static String rateLimitByUser(String service, String group, int limit, long windowMs, String user) {
        return groupTag(service, group) + ":user:" + limit + "/" + windowMs + ":" + user;
    }

    /** GCRA bucket of the failed authentications (bad, expired or missing tokens) of one client IP at one service. */
    public static String authFailuresByIp(String service, int limit, long windowMs, String ip) {
        return "sec:{rl:" + service + ":auth-failures}:ip:" + limit + "/" + windowMs + ":" + ip;
    }

    private static String groupTag(String service, String group) {
        return "sec:{rl:" + service + ":group:" + group + "}";
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
