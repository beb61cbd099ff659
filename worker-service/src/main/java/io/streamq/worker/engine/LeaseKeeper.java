package io.streamq.worker.engine;

import io.streamq.core.contract.QueueName;
import io.streamq.core.store.WorkQueue;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Renews the leases of a consumer's jobs every third of the visibility timeout, at a fixed rate whatever a renewal
 * took, each call given at most a sixth of it: two failed renewals in a row still leave a lease standing. A job
 * found taken over by another worker has its handler stopped; its outcome here would be refused anyway. So does a job
 * cancelled while this worker missed the cancel message ({@link CancelRequests}): its lease is gone too.
 */
final class LeaseKeeper {
    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

    private final QueueName queue;
    private final String consumer;
    private final WorkQueue work;
    private final Map<String, RunningJob> running;
    private final long periodNanos;
    private final Duration callTimeout;

    LeaseKeeper(QueueName queue, String consumer, WorkQueue work, WorkerConfig config,
                Map<String, RunningJob> running) {
        this.queue = queue;
        this.consumer = consumer;
        this.work = work;
        this.running = running;
        Duration visibility = work.settings(queue).visibilityTimeout();
        this.periodNanos = visibility.dividedBy(3).toNanos();
        Duration sixth = visibility.dividedBy(6);
        this.callTimeout = sixth.compareTo(config.callTimeout()) < 0 ? sixth : config.callTimeout();
    }

    Duration turn() {
        long start = System.nanoTime();
        renew();
        return Duration.ofNanos(Math.max(0, start + periodNanos - System.nanoTime()));
    }

    /** Renews jobs still running and jobs whose outcome is being recorded: no other worker takes those meanwhile. */
    private void renew() {
        List<RunningJob> held = List.copyOf(running.values());
        if (held.isEmpty()) {
            return;
        }
        long sent = System.nanoTime();
        Set<String> kept;
        try {
            kept = RedisCalls.await(() -> work.extendLeases(queue, consumer, held.stream().map(RunningJob::job)
                    .toList()), callTimeout);
        } catch (RuntimeException e) {
            long soonestMs = TimeUnit.NANOSECONDS.toMillis(held.stream().mapToLong(RunningJob::leaseUntilNanos).min()
                    .orElseThrow() - System.nanoTime());
            LOG.warnf("%s: could not renew %d leases (%s); %s", queue, held.size(), RedisCalls.why(e),
                    soonestMs > 0 ? "the first lapses in " + soonestMs + " ms unless a renewal succeeds"
                            : "the first lapsed " + -soonestMs + " ms ago: another worker may take it over");
            return;
        }
        for (RunningJob rj : held) {
            if (kept.contains(rj.entryId())) {
                rj.leaseRenewed(sent);
            } else if (!rj.settled() && rj.cancel(CancelReason.TAKEN_OVER)) {
                LOG.warnf("%s: %s was taken over by another worker or cancelled; its handler here is stopped and "
                        + "its outcome will not count", queue, rj.job().jobId());
            }
        }
    }
}
