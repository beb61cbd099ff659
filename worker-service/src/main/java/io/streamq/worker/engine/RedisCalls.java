package io.streamq.worker.engine;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Awaits a store call from a worker thread, retrying through a short Redis outage. If Redis stays away the
 * outcome is not recorded and the entry stays pending: recovery runs the job again, so nothing is lost.
 */
final class RedisCalls {
    private static final Logger LOG = Logger.getLogger(RedisCalls.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 5;

    private RedisCalls() {
    }

    static <T> T await(Supplier<Uni<T>> call) {
        return call.get().await().atMost(CALL_TIMEOUT);
    }

    static <T> T awaitRetrying(String what, Supplier<Uni<T>> call) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return await(call);
            } catch (RuntimeException e) {
                last = e;
                LOG.warnf("%s failed (attempt %d of %d): %s", what, attempt, ATTEMPTS, e.getMessage());
                sleep(Duration.ofMillis(200L * attempt));
            }
        }
        throw last;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
