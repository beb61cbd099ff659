package io.streamq.core.batch;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Coalesces concurrent requests for one kind of Redis call: at most one call is in flight, and whatever arrived
 * meanwhile goes in the next (up to {@code maxBatch}), so under load one call serves many requests (Redis and the
 * client pay per call, not per item) while a lone request still goes out at once, with no timer adding latency.
 * The call answers one result per item, in order; a call that fails fails exactly the items it carried. Each caller
 * resumes on its own Vert.x context, not on the one whose call happened to carry its item.
 *
 * @param <I> what one request asks
 * @param <O> what it gets back
 */
public final class CoalescingLane<I, O> {

    private record Pending<I, O>(I item, UniEmitter<? super O> answer, Context context) {
    }

    private final Function<List<I>, Uni<List<O>>> call;
    private final int maxBatch;
    private final Duration timeout;
    private final Runnable onIdle;
    private final Queue<Pending<I, O>> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    /**
     * Requests to look at the lane again; only the thread that raised it from 0 looks, until it is back to 0. A call
     * can end inside {@code send} (a request refused before it returns): its ending then only counts here and the
     * looking thread goes round again, instead of the ending sending the next batch one stack frame deeper.
     */
    private final AtomicInteger looks = new AtomicInteger();

    /**
     * @param call    one Redis call for a batch, answering one result per item in order
     * @param timeout how long a call may take before its items fail and the lane goes on: the Redis client has no
     *                timeout of its own, and a call that never answers (a half-open connection) would hold up
     *                every later request of the lane
     * @param onIdle  run when a call ended and nothing waits (a keyed set of lanes drops this one then); may be null
     */
    public CoalescingLane(Function<List<I>, Uni<List<O>>> call, int maxBatch, Duration timeout, Runnable onIdle) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        this.call = call;
        this.maxBatch = maxBatch;
        this.timeout = timeout;
        this.onIdle = onIdle;
    }

    public Uni<O> submit(I item) {
        return Uni.createFrom().emitter(answer -> {
            pending.add(new Pending<>(item, answer, Vertx.currentContext()));
            sendIfIdle();
        });
    }

    private void sendIfIdle() {
        if (looks.getAndIncrement() != 0) {
            return;
        }
        int seen = 1;
        do {
            // Only the looking thread takes from pending, so what it sees there is still there.
            if (!pending.isEmpty() && sending.compareAndSet(false, true)) {
                send(take());
            }
            seen = looks.addAndGet(-seen);
        } while (seen != 0);
    }

    private List<Pending<I, O>> take() {
        List<Pending<I, O>> batch = new ArrayList<>();
        Pending<I, O> p;
        while (batch.size() < maxBatch && (p = pending.poll()) != null) {
            batch.add(p);
        }
        return batch;
    }

    private void send(List<Pending<I, O>> batch) {
        Uni<List<O>> results;
        try {
            results = call.apply(batch.stream().map(Pending::item).toList());
        } catch (RuntimeException e) {
            results = Uni.createFrom().failure(e);
        }
        // Whatever happens while answering, the lane goes on: an exception here is only logged by Mutiny, and a lane
        // left sending would never answer anyone again.
        results.ifNoItem().after(timeout).fail().subscribe().with(answers -> {
            try {
                answer(batch, answers);
            } finally {
                next();
            }
        }, failure -> {
            try {
                fail(batch, failure);
            } finally {
                next();
            }
        });
    }

    private void answer(List<Pending<I, O>> batch, List<O> answers) {
        if (answers.size() != batch.size()) {
            fail(batch, new IllegalStateException(
                    "the call answered " + answers.size() + " results for " + batch.size() + " items"));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending<I, O> p = batch.get(i);
            O answer = answers.get(i);
            Contexts.run(p.context(), () -> p.answer().complete(answer));
        }
    }

    private static <I, O> void fail(List<Pending<I, O>> batch, Throwable failure) {
        batch.forEach(p -> Contexts.run(p.context(), () -> p.answer().fail(failure)));
    }

    private void next() {
        sending.set(false);
        sendIfIdle();
        if (onIdle != null && pending.isEmpty() && !sending.get()) {
            onIdle.run();
        }
    }
}
