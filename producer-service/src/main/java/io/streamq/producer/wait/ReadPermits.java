package io.streamq.producer.wait;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.streamq.core.batch.Contexts;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * An asynchronous semaphore in front of the Redis work of waiting requests: at most
 * {@link WaitConfig#concurrentReads()} run at once, the rest queue here without holding a thread or a connection.
 * A thousand waiters woken by one finish message so take a few pool connections in turn, and the pool's own wait
 * queue (whose overflow answers 503) stays free for every other request.
 */
@ApplicationScoped
public class ReadPermits {

    private final int permits;
    private final ArrayDeque<Ticket> queued = new ArrayDeque<>();
    private int inUse;

    public ReadPermits(WaitConfig config) {
        this.permits = config.concurrentReads();
    }

    /** Runs {@code work} once a permit is free, resumed on {@code context}; the permit is returned however it ends. */
    <T> Uni<T> run(Context context, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Ticket ticket = new Ticket(context);
            return Uni.createFrom().<Void>emitter(emitter -> {
                        ticket.emitter = emitter;
                        if (take(ticket)) {
                            emitter.complete(null);
                        }
                    })
                    .chain(() -> work.get())
                    .onTermination().invoke(() -> leave(ticket));
        });
    }

    private synchronized boolean take(Ticket ticket) {
        if (inUse < permits) {
            inUse++;
            ticket.granted = true;
            return true;
        }
        queued.addLast(ticket);
        return false;
    }

    /** Gives the permit back (to the next in line, if any), or leaves the line for a request that went away. */
    private void leave(Ticket ticket) {
        Ticket next;
        synchronized (this) {
            if (ticket.done) {
                return;
            }
            ticket.done = true;
            if (!ticket.granted) {
                queued.remove(ticket);
                return;
            }
            next = queued.pollFirst();
            if (next == null) {
                inUse--;
                return;
            }
            next.granted = true;
        }
        Ticket granted = next;
        Contexts.run(granted.context, () -> granted.emitter.complete(null));
    }

    private static final class Ticket {
        final Context context;
        UniEmitter<? super Void> emitter;
        boolean granted;
        boolean done;

        Ticket(Context context) {
            this.context = context;
        }
    }
}
