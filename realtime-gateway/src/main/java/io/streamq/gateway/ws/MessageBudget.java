package io.streamq.gateway.ws;

import java.util.function.LongSupplier;

/**
 * The message allowance of one connection: a token bucket of {@code burst} messages refilled at {@code rate} per
 * second. A refused message is answered once per streak (the first refusal warns, later ones are dropped quietly);
 * a client that sends another {@code burst} messages while refused is closed (once: what it sends while the close
 * is under way is dropped). One accepted message ends the streak.
 */
final class MessageBudget {

    enum Verdict { ACCEPT, WARN, DROP, CLOSE }

    private static final double NANOS_PER_SECOND = 1e9;

    private final double rate;
    private final int burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long refilledAt;
    private int refused;

    MessageBudget(int rate, int burst, LongSupplier nanoClock) {
        this.rate = rate;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.refilledAt = nanoClock.getAsLong();
    }

    /** Spends one message, or says what to do with a message over the allowance. */
    synchronized Verdict take() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * rate / NANOS_PER_SECOND);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            refused = 0;
            return Verdict.ACCEPT;
        }
        refused = Math.min(refused + 1, burst + 1);
        if (refused == burst) {
            return Verdict.CLOSE;
        }
        return refused == 1 ? Verdict.WARN : Verdict.DROP;
    }
}
