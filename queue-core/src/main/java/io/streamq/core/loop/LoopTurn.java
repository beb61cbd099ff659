package io.streamq.core.loop;

import java.time.Duration;

/**
 * What one turn of a {@link BackgroundLoop} did and when the next turn is due.
 *
 * @param done how much work the turn did (jobs promoted, records forwarded, entries dropped...), 0 for none
 * @param next the pause before the next turn; zero: at once
 */
public record LoopTurn(long done, Duration next) {

    public LoopTurn {
        if (done < 0 || next.isNegative()) {
            throw new IllegalArgumentException("a turn does something or nothing, and pauses 0 or more: " + done
                    + ", " + next);
        }
    }

    /** More work is waiting: the next turn follows at once. */
    public static LoopTurn again(long done) {
        return new LoopTurn(done, Duration.ZERO);
    }

    public static LoopTurn after(long done, Duration next) {
        return new LoopTurn(done, next);
    }

    /**
     * The rest of a fixed period that began at {@code startNanos} ({@link System#nanoTime()}): a loop that runs at a
     * fixed rate, whatever its turn took, answers this.
     */
    public static LoopTurn atRate(long done, long startNanos, Duration period) {
        return new LoopTurn(done, Duration.ofNanos(Math.max(0, startNanos + period.toNanos() - System.nanoTime())));
    }
}
