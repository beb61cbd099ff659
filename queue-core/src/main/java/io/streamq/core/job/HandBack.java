package io.streamq.core.job;

/** What a hand-back did: jobs returned to waiting with their attempt refunded, and stale entries dropped. */
public record HandBack(int handedBack, int staleDropped) {
}
