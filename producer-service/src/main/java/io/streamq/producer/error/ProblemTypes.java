package io.streamq.producer.error;

/**
 * The problem types clients can tell apart. Plain HTTP errors use {@code about:blank}, whose title is the status
 * phrase (RFC 9457 section 4.2.1); only 400s get their own types, because a client reacts differently to a body it
 * cannot parse than to a well-formed body with bad fields. URNs because they need not be dereferenceable.
 */
public final class ProblemTypes {

    public static final String BLANK = "about:blank";
    public static final String VALIDATION = "urn:problem-type:streamq:validation-error";
    public static final String MALFORMED_BODY = "urn:problem-type:streamq:malformed-body";

    private ProblemTypes() {
    }
}
