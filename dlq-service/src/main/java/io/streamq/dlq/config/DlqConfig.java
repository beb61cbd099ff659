package io.streamq.dlq.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** {@code streamq.dlq.*}: the DLQ's bounds and knobs; values in application.properties, see docs/dlq.md. */
@ConfigMapping(prefix = "streamq.dlq")
public interface DlqConfig {

    Retention retention();

    Ingest ingest();

    Tombstones tombstones();

    Clear clear();

    /** Replays allowed per entry. */
    @WithDefault("5")
    @Min(0)
    int maxReplays();

    /** From this replay count on an entry counts as "high" in the analytics. */
    @WithDefault("3")
    @Min(1)
    int highReplayCount();

    /** A replay holds the entry's lock at most this long (released earlier by compare-and-delete). */
    @WithDefault("PT30S")
    @DurationMin(millis = 1)
    Duration replayLockTtl();

    /** A search or multi-filter list scans at most this many of the newest candidates. */
    @WithDefault("5000")
    @Min(1)
    int searchScanLimit();

    /** How long an hour's counters live after the hour ends; must exceed the 48 h the trends reach back. */
    @WithDefault("PT50H")
    @DurationMin(millis = 1)
    Duration hourBucketTtl();

    interface Retention {
        /** At most this many entries; 0 for no count bound. */
        @WithDefault("1000000")
        @Min(0)
        long maxEntries();

        /** No entry whose last failure is older; PT0S for no age bound. */
        @WithDefault("P30D")
        @DurationMin(millis = 0)
        Duration maxAge();

        /** How often the age bound is applied (the count bound is applied on every insert). */
        @WithDefault("30s")
        @DurationMin(millis = 1)
        Duration interval();
    }

    interface Ingest {
        /** Dead-stream entries read and stored per round trip. */
        @WithDefault("200")
        @Min(1)
        int batch();

        /** How long an idle read waits for new entries; keep well below the Redis client timeout. */
        @WithDefault("PT2S")
        @DurationMin(millis = 1)
        Duration block();

        /** Pending entries of a consumer silent this long are taken over (its replica died mid-forward). */
        @WithDefault("PT60S")
        @DurationMin(millis = 1)
        Duration reclaimIdle();

        /**
         * Consumers of the {@code dlq} groups silent this long and holding nothing are deleted (every start joins
         * under a new name). A live forwarder reads every {@code block}, so it is never this idle.
         */
        @WithDefault("PT1H")
        @DurationMin(millis = 1)
        Duration pruneIdle();

        /** How often the {@code dlq} groups are pruned. */
        @WithDefault("10m")
        @DurationMin(millis = 1)
        Duration pruneInterval();
    }

    /**
     * Bounds of the tombstones that keep deleted entries from coming back, and of the pending successes waiting for
     * their failure (docs/dlq.md): both answer a record that can still be forwarded again, so the same window.
     */
    interface Tombstones {
        /** None is kept longer. */
        @WithDefault("PT24H")
        @DurationMin(millis = 0)
        Duration maxAge();

        /** Never dropped younger than this, whatever the count; at least three times ingest.reclaim-idle. */
        @WithDefault("PT10M")
        @DurationMin(millis = 1)
        Duration minAge();

        /** Beyond this many, the oldest (older than min-age) are dropped. */
        @WithDefault("100000")
        @Min(0)
        long maxCount();
    }

    interface Clear {
        /** How long a confirmed clear may run inside the request; longer ones answer 202 and go on as a task. */
        @WithDefault("PT2S")
        @DurationMin(millis = 0)
        Duration inlineWait();

        /** How long a finished clear task can still be read. */
        @WithDefault("P7D")
        @DurationMin(millis = 1)
        Duration keepFinished();
    }
}
