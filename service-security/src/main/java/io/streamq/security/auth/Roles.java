package io.streamq.security.auth;

/** Role names as they appear in the token's {@code groups} claim. */
public final class Roles {

    /** The platform owner: every policy. */
    public static final String OWNER = "OWNER";
    /** A client application that enqueues jobs; holds no owner policy. */
    public static final String PRODUCER = "producer";
    /** Claim of a narrower owner token: an array of policy names, e.g. {@code ["READ"]}. */
    public static final String POLICIES_CLAIM = "policies";

    private Roles() {
    }
}
