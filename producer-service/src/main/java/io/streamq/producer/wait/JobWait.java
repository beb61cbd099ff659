package io.streamq.producer.wait;

import io.smallrye.mutiny.Uni;
import io.streamq.core.job.JobState;
import io.streamq.core.job.JobView;
import io.streamq.core.store.JobControl;
import io.streamq.core.store.JobStore;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Answers a read once its job is final or the wait is over, without polling Redis. A waiter is registered before
 * the job is marked watched (watch-job.lua, which also reads its state): a finish before the mark is seen in that
 * state, a finish after it is published and wakes the waiter, so none falls in between. Every Redis step of a waiting
 * request goes through {@link ReadPermits}.
 */
@ApplicationScoped
public class JobWait {

    private final JobStore store;
    private final JobControl control;
    private final JobWaiters waiters;
    private final ReadPermits permits;
    private final Vertx vertx;

    public JobWait(JobStore store, JobControl control, JobWaiters waiters, ReadPermits permits, Vertx vertx) {
        this.store = store;
        this.control = control;
        this.waiters = waiters;
        this.permits = permits;
        this.vertx = vertx;
    }

    /**
     * @param visible whether the caller may see the job; an invisible job is not waited for
     * @param answer  turns the job as read (empty: gone, or never there) into the answer, under the read permit
     * @throws io.streamq.security.error.ProblemException 503 (in the Uni) when the replica holds its maximum of
     *                                                    waiters
     */
    public <T> Uni<T> await(String jobId, Predicate<JobView> visible, Duration wait,
                            Function<Optional<JobView>, Uni<T>> answer) {
        long deadline = System.nanoTime() + wait.toNanos();
        Context context = Vertx.currentContext();
        Waiter waiter = new Waiter(jobId, context);
        return permits.run(context, () -> firstLook(waiter, visible, answer))
                .chain(answered -> answered.isPresent()
                        ? Uni.createFrom().item(answered.get())
                        : waiter.woken(vertx, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))
                        .chain(() -> permits.run(context, () -> store.find(jobId).chain(answer::apply))))
                // However it ends, also when the client goes away mid-wait (the REST layer cancels the Uni).
                .onTermination().invoke(() -> waiters.remove(waiter));
    }

    /**
     * The answer at once (the job is final, missing or not the caller's), or empty once the waiter is registered and
     * the job marked: then the waiter is woken by its finish, or already woken if it finished meanwhile.
     */
    private <T> Uni<Optional<T>> firstLook(Waiter waiter, Predicate<JobView> visible,
                                           Function<Optional<JobView>, Uni<T>> answer) {
        return store.find(waiter.jobId()).chain(found -> {
            if (found.filter(visible).filter(job -> !finished(job.state())).isEmpty()) {
                return answer.apply(found).map(Optional::of);
            }
            waiters.add(waiter);
            return control.watch(waiter.jobId()).map(state -> {
                if (state.isEmpty() || state.get().finished()) {
                    waiter.wake();
                }
                return Optional.<T>empty();
            });
        });
    }

    private static boolean finished(String state) {
        return JobState.fromWire(state).map(JobState::finished).orElse(false);
    }
}
