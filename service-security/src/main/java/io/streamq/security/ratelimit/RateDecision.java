package io.streamq.security.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer for one request, of the tightest bucket it was counted in.
 *
 * @param resetMs      until that bucket is full again
 * @param retryAfterMs before a retry can pass; 0 when allowed
 */
public record RateDecision(boolean allowed, int limit, int remaining, long resetMs, long retryAfterMs) {

    /** No bucket applies (limits switched off for this group). */
    public static final RateDecision UNLIMITED = new RateDecision(true, 0, 0, 0, 0);

    /**
     * The {@code RateLimit-*} headers of the IETF draft (seconds, rounded up so a client that waits them is never
     * early), plus {@code Retry-After} on a refusal.
     */
    public Map<String, String> headers() {
        Map<String, String> out = new LinkedHashMap<>();
        if (limit <= 0) {
            return out;
        }
        out.put("RateLimit-Limit", Integer.toString(limit));
        out.put("RateLimit-Remaining", Integer.toString(remaining));
        out.put("RateLimit-Reset", Long.toString(seconds(resetMs)));
        if (!allowed) {
            out.put("Retry-After", Long.toString(Math.max(1, seconds(retryAfterMs))));
        }
        return out;
    }

    private static long seconds(long ms) {
        return (ms + 999) / 1000;
    }
}
