package io.streamq.core.job;

import java.time.Duration;
import java.util.List;

/** What a claim found: jobs, nothing yet, a paused queue, or a queue held at one of its start limits. */
public sealed interface ClaimResult {

    record Jobs(List<ClaimedJob> jobs) implements ClaimResult {
    }

    /**
     * Nothing to claim; entries of the stream newer than {@code newestEntryId}, and of the wake stream newer than
     * {@code newestWakeId} (a prioritized job started waiting), are worth waiting for.
     */
    record Empty(String newestEntryId, String newestWakeId) implements ClaimResult {
    }

    record Paused() implements ClaimResult {
    }

    /**
     * A start limit lets no job start now.
     *
     * @param rateFreesIn when the rate limit frees a start; zero when the rate is not what holds (max active: only a
     *                    job ending frees a start)
     */
    record Limited(Limit by, Duration rateFreesIn) implements ClaimResult {
    }

    enum Limit {
        RATE("rate"), MAX_ACTIVE("max-active");

        private final String wire;

        Limit(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Limit fromWire(String wire) {
            for (Limit l : values()) {
                if (l.wire.equals(wire)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("unknown limit " + wire);
        }
    }
}
