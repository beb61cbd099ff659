package io.streamq.producer.wait;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamq.security.error.ProblemException;
import io.streamq.security.error.ProblemTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This replica's waiting requests by job id, bounded by {@link WaitConfig#maxWaiters()}. A waiter is only memory
 * (no thread, no connection), but each holds an HTTP connection open, so the bound keeps a burst of long polls from
 * exhausting the replica.
 */
@ApplicationScoped
public class JobWaiters {

    /** Gauge of the requests waiting on this replica. */
    static final String WAITERS_GAUGE = "streamq.producer.waiters";
    static final String RETRY_AFTER_SECONDS = "5";

    private final Map<String, Set<Waiter>> byJob = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int max;

    public JobWaiters(WaitConfig config, MeterRegistry meters) {
        this.max = config.maxWaiters();
        Gauge.builder(WAITERS_GAUGE, count, AtomicInteger::get)
                .description("Requests waiting for a job to finish on this replica").register(meters);
    }

    /** @throws ProblemException 503 with Retry-After when this replica already holds its maximum of waiters */
    void add(Waiter waiter) {
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            throw new ProblemException(503, ProblemTypes.BLANK, null, "Too many requests are waiting for jobs on this "
                    + "replica; retry later, or read the job without wait.", Map.of("Retry-After", RETRY_AFTER_SECONDS),
                    null);
        }
        byJob.compute(waiter.jobId(), (id, waiters) -> {
            Set<Waiter> out = waiters != null ? waiters : ConcurrentHashMap.newKeySet();
            out.add(waiter);
            return out;
        });
    }

    /** Forgets the waiter; a no-op for one never added or already removed. */
    void remove(Waiter waiter) {
        boolean[] removed = {false};
        byJob.computeIfPresent(waiter.jobId(), (id, waiters) -> {
            removed[0] = waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
        if (removed[0]) {
            count.decrementAndGet();
        }
    }

    /** Wakes every waiter of the job; each removes itself once it has answered. */
    void finished(String jobId) {
        List<Waiter> woken = new ArrayList<>();
        byJob.computeIfPresent(jobId, (id, waiters) -> {
            woken.addAll(waiters);
            return waiters;
        });
        woken.forEach(Waiter::wake);
    }

    /** The jobs waited for now, e.g. to look at again after finish messages may have been missed. */
    List<String> jobIds() {
        return List.copyOf(byJob.keySet());
    }

    public int size() {
        return count.get();
    }
}
