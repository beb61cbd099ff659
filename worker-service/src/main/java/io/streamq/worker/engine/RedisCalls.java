package io.streamq.worker.engine;

import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Awaits store calls from engine threads, each under a timeout, and retries outcomes through an outage. */
final class RedisCalls {
    private static final Logger LOG = Logger.getLogger(RedisCalls.class);
    private static final long FIRST_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1000;
    /** A call gets at least this long, even right before its lease lapses. */
    private static final long MIN_CALL_MS = 100;

    private RedisCalls() {
    }

    static <T> T await(Supplier<Uni<T>> call, Duration timeout) {
        return call.get().await().atMost(timeout);
    }

    /**
     * Tries a call once, then again with a growing backoff while Redis fails it, until {@code untilNanos} (a
     * {@link System#nanoTime()}: when the lease known as the outcome was ready would lapse). Giving up earlier would
     * leave a finished job to run again; the lease keeps being renewed meanwhile, so no other worker takes the job
     * while this one still tries. The bound is not moved by those renewals: a call Redis keeps refusing while it
     * answers (a script error) must not hold its slot forever.
     *
     * @return empty when it gave up, or when the thread was interrupted (the engine is closing)
     */
    static <T> Optional<T> awaitUntil(String what, Supplier<Uni<T>> call, Duration callTimeout,
                                      long untilNanos) {
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(untilNanos - System.nanoTime());
            try {
                long timeoutMs = Math.min(callTimeout.toMillis(), Math.max(leftMs, MIN_CALL_MS));
                return Optional.of(await(call, Duration.ofMillis(timeoutMs)));
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return Optional.empty();
                }
                if (attempt == 1) {
                    LOG.warnf("%s failed, retrying for up to %d ms while the lease holds: %s", what,
                            Math.max(leftMs, 0), why(e));
                }
                leftMs = TimeUnit.NANOSECONDS.toMillis(untilNanos - System.nanoTime());
                if (leftMs <= 0) {
                    LOG.errorf("%s failed %d times until its lease lapsed; giving up (last: %s)", what, attempt,
                            why(e));
                    return Optional.empty();
                }
                if (!sleep(Duration.ofMillis(Math.min(backoff, leftMs)))) {
                    return Optional.empty();
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    /** A failure for a log line: a timeout has no message, only its type. */
    static String why(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** @return false when interrupted (the flag stays set) */
    static boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
