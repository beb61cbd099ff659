package io.streamq.dlq.admin;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Runs bounded script calls one after the other, pausing after each as long as it took. Each call holds Redis for a
 * few milliseconds at most, and every queue on that Redis waits meanwhile; back to back, a long run (a retention
 * backlog, a clear of a million entries) would still take nearly all of Redis's time. With the pause it takes about
 * half, and other clients' commands run between the calls.
 */
final class Paced {

    private Paced() {
    }

    /** How a run ended: the work was done, a step refused (answered a negative number), or it was stopped. */
    enum End { DONE, REFUSED, STOPPED }

    /**
     * Calls {@code step} until it answers less than {@code full} (nothing more to do), a negative number, or
     * {@code stop} says so before a call.
     */
    static End run(IntSupplier step, int full, BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            long start = System.nanoTime();
            int done = step.getAsInt();
            if (done < 0) {
                return End.REFUSED;
            }
            if (done < full) {
                return End.DONE;
            }
            pause(Duration.ofNanos(System.nanoTime() - start));
        }
        return End.STOPPED;
    }

    private static void pause(Duration took) {
        try {
            Thread.sleep(took);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
