package io.streamq.security.ratelimit;

import io.streamq.security.error.ProblemException;
import io.streamq.security.error.ProblemTypes;

/** 429 with Retry-After and the RateLimit-* headers. */
public class RateLimitExceededException extends ProblemException {

    public RateLimitExceededException(RateDecision decision) {
        super(429, ProblemTypes.RATE_LIMITED, "Too many requests",
                "Rate limit reached; retry after " + decision.headers().get("Retry-After") + " s.",
                decision.headers(), null);
    }

    /** Throws for a refusal; answers null (no response: the request goes on) for an allowance or no decision. */
    static <T> T refuseIfDenied(RateDecision decision) {
        if (decision != null && !decision.allowed()) {
            throw new RateLimitExceededException(decision);
        }
        return null;
    }
}
