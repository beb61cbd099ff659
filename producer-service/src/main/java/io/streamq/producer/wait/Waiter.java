package io.streamq.producer.wait;

import io.smallrye.mutiny.Uni;
import io.streamq.core.batch.Contexts;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletableFuture;

/**
 * One request waiting for its job. Woken at most once, from any thread (the finished-channel subscription, a timer,
 * a re-check); what follows runs on the request's own Vert.x context, where its request scope (caller, audit facts)
 * lives.
 */
final class Waiter {

    private final String jobId;
    private final Context context;
    private final CompletableFuture<Void> woken = new CompletableFuture<>();

    Waiter(String jobId, Context context) {
        this.jobId = jobId;
        this.context = context;
    }

    String jobId() {
        return jobId;
    }

    void wake() {
        woken.complete(null);
    }

    /** Completes, on the request's context, when woken or after {@code remainingMs}, whichever comes first. */
    Uni<Void> woken(Vertx vertx, long remainingMs) {
        return Uni.createFrom().emitter(emitter -> {
            long timer = remainingMs > 0 ? vertx.setTimer(remainingMs, id -> wake()) : -1;
            if (timer < 0) {
                wake();
            }
            woken.whenComplete((ok, failure) -> Contexts.run(context, () -> emitter.complete(null)));
            emitter.onTermination(() -> {
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
            });
        });
    }
}
