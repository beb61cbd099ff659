package io.streamq.core.batch;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final Runnable onIdle;
    private final Queue<Pending<I, O>> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    /**
     * @param call   one Redis call for a batch, answering one result per item in order
     * @param onIdle run when a call ended and nothing waits (a keyed set of lanes drops this one then); may be null
     */
    public CoalescingLane(Function<List<I>, Uni<List<O>>> call, int maxBatch, Runnable onIdle) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, not " + maxBatch);
        }
        this.call = call;
        this.maxBatch = maxBatch;
        this.onIdle = onIdle;
    }

    public Uni<O> submit(I item) {
        return Uni.createFrom().emitter(answer -> {
            pending.add(new Pending<>(item, answer, Vertx.currentContext()));
            sendIfIdle();
        });
    }

    private void sendIfIdle() {
        while (!pending.isEmpty() && sending.compareAndSet(false, true)) {
            List<Pending<I, O>> batch = take();
            if (!batch.isEmpty()) {
                send(batch);
                return;
            }
            // Another sender took them between the check and the flag: let go, and look again.
            sending.set(false);
        }
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
        results.subscribe().with(answers -> {
            for (int i = 0; i < batch.size(); i++) {
                Pending<I, O> p = batch.get(i);
                O answer = answers.get(i);
                Contexts.run(p.context(), () -> p.answer().complete(answer));
            }
            next();
        }, failure -> {
            batch.forEach(p -> Contexts.run(p.context(), () -> p.answer().fail(failure)));
            next();
        });
    }

    private void next() {
        sending.set(false);
        sendIfIdle();
        if (onIdle != null && pending.isEmpty() && !sending.get()) {
            onIdle.run();
        }
    }
}
