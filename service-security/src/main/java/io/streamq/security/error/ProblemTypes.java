package io.streamq.security.error;

/**
 * The problem types clients can tell apart. Plain HTTP errors use {@code about:blank}, whose title is the status
 * phrase (RFC 9457 section 4.2.1); a type of its own only where a client reacts differently. URNs because they
 * need not be dereferenceable.
 */
public final class ProblemTypes {

    public static final String BLANK = "about:blank";
    public static final String VALIDATION = "urn:problem-type:streamq:validation-error";
    public static final String MALFORMED_BODY = "urn:problem-type:streamq:malformed-body";
    public static final String RATE_LIMITED = "urn:problem-type:streamq:rate-limited";
    public static final String AUDIT_UNAVAILABLE = "urn:problem-type:streamq:audit-unavailable";
    /** Followed by {@code :<reason>}: unknown, foreign, used, expired, mismatch. */
    public static final String CONFIRM_TOKEN = "urn:problem-type:streamq:confirm-token";

    private ProblemTypes() {
    }
}
