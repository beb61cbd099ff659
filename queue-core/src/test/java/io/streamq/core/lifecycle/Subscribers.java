package io.streamq.core.lifecycle;

import io.quarkus.redis.datasource.RedisDataSource;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** How many connections Redis counts as subscribed to a channel, and waiting for that count to change. */
final class Subscribers {
    static final Duration WAIT = Duration.ofSeconds(5);

    private Subscribers() {
    }

    static long of(RedisDataSource redis, String channel) {
        return redis.execute("PUBSUB", "NUMSUB", channel).get(1).toLong();
    }

    /** Polls until {@code condition} holds; fails after {@link #WAIT}. */
    static void until(BooleanSupplier condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + WAIT);
            }
            QueueFixture.sleep(20);
        }
    }
}
