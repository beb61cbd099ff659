package io.streamq.security.audit;

/** Who asked and from where, taken once at the start of an audited call. */
public record RequestFacts(String actor, String clientIp, String requestId) {
}
