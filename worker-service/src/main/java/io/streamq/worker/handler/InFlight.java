package io.streamq.worker.handler;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Awaits work that goes on whatever the waiting thread does, such as a mail handed to the reactive mail client:
 * cancelling the subscription does not recall a message already on its way. An interrupt (timeout, shutdown) is
 * therefore kept for later instead of abandoning the wait, so the handler learns how the work ended, records it, and
 * a retry does not repeat it. The wait is declared to the engine ({@link Cancellation#holdInFlight}), so a handler
 * finishing such work past its timeout is not taken for one that ignores its cancellation.
 */
public final class InFlight {

    private InFlight() {
    }

    /**
     * Waits at most the job's timeout ({@code context.timeout()}).
     *
     * @throws io.smallrye.mutiny.TimeoutException if the work has not ended within that; any failure of the work as
     *                                             {@link Uni#await()} would throw it
     */
    public static <T> T await(Uni<T> work, JobContext context) {
        return await(work, context.timeout(), context.cancellation());
    }

    static <T> T await(Uni<T> work, Duration atMost, Cancellation cancellation) {
        // Cleared before subscribing, so nothing the subscription does on this thread sees a pending interrupt.
        boolean interrupted = Thread.interrupted();
        cancellation.holdInFlight(atMost);
        CompletableFuture<T> result = work.subscribeAsCompletionStage();
        long deadline = System.nanoTime() + atMost.toNanos();
        try {
            while (true) {
                try {
                    return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (TimeoutException e) {
                    throw new io.smallrye.mutiny.TimeoutException();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
                }
            }
        } finally {
            cancellation.releaseInFlight();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
