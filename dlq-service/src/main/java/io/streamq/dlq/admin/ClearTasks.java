package io.streamq.dlq.admin;

import io.quarkus.runtime.ShutdownEvent;
import io.streamq.core.contract.QueueName;
import io.streamq.core.loop.LoopTurn;
import io.streamq.core.store.DlqClearPass;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.DlqTask;
import io.streamq.core.store.QueueStatsCache;
import io.streamq.dlq.config.DlqConfig;
import io.streamq.security.audit.RequestFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Confirmed clears run as background tasks: a clear of a million entries takes minutes (paced batches of
 * {@link DlqStore#MAX_BATCH}), far longer than a request. The task is recorded in Redis (dlq-task-start); each batch
 * walks on from the task's cursor, removes what last failed up to the task's cutoff and advances its progress
 * atomically (dlq-clear-batch); the task ends at the end of its index, not at the count it started with, and ends
 * once: succeeded, failed, or interrupted (dlq-task-finish), writing its audit outcome ({@link ClearAudit}).
 * <p>
 * If the service stops mid-clear, the task stops between two batches and ends {@code interrupted}; if the replica
 * dies, any replica finds its heartbeat older than {@link #STALE_AFTER} and ends it {@code interrupted}. Either way
 * the entries removed so far stay removed (each batch is whole), the rest stay, and GET and the audit say how many;
 * the task is not resumed on its own: an owner confirms a new clear for what is left.
 * Blocking: call it off the event loop.
 */
@ApplicationScoped
public class ClearTasks {

    /** A running task's heartbeat moves with every batch (milliseconds apart); a minute of silence means it died. */
    static final Duration STALE_AFTER = Duration.ofMinutes(1);
    static final Duration REAP_EVERY = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(ClearTasks.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DlqStore store;
    private final DlqClear clear;
    private final ClearAudit audit;
    private final DlqConfig config;
    private final QueueStatsCache statsCache;
    private final Map<String, CompletableFuture<Void>> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public ClearTasks(DlqStore store, DlqClear clear, ClearAudit audit, DlqConfig config,
                      QueueStatsCache statsCache) {
        this.store = store;
        this.clear = clear;
        this.audit = audit;
        this.config = config;
        this.statsCache = statsCache;
    }

    /**
     * Starts a confirmed clear: writes its audit ATTEMPT (if that fails, nothing starts: 503), records the task and
     * runs it on a virtual thread. Waits up to {@code wait} for it to end; answers the task as it is then.
     *
     * @param cutoff the Redis time (ms) at which the owner was shown what the clear would remove: entries that last
     *               failed after it (arrived, or failed again, since) stay
     */
    public DlqTask start(String originalQueue, Integer minReplayCount, long cutoff, RequestFacts asker,
                         Duration wait) {
        DlqClear.Selection s = DlqClear.select(originalQueue, minReplayCount, Long.toString(cutoff));
        DlqTask task = audit.attempt(new DlqTask(UUID.randomUUID().toString(), DlqTask.RUNNING, s.index(),
                s.minScore(), s.maxScore(), cutoff, clear.count(s), 0, originalQueue, minReplayCount, asker.actor(),
                null, asker.clientIp(), asker.requestId(), 0, 0, null, null));
        store.startTask(task).await().atMost(WAIT);
        CompletableFuture<Void> done = new CompletableFuture<>();
        running.put(task.id(), done);
        Thread.ofVirtual().name("dlq-clear-" + task.id()).start(() -> {
            try {
                run(task);
            } finally {
                running.remove(task.id());
                done.complete(null);
            }
        });
        try {
            done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Still running: the caller answers 202 with the task.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return find(task.id()).orElseThrow();
    }

    /**
     * The cleared queues' DLQ counts changed (all of them for a clear of every queue). Never throws: a clear that
     * ended must still be recorded as ended.
     */
    private void invalidateReports(String originalQueue) {
        List<QueueName> queues = originalQueue == null ? QueueName.workQueues()
                : QueueName.fromWire(originalQueue).stream().toList();
        try {
            statsCache.invalidate(queues).await().atMost(WAIT);
        } catch (RuntimeException e) {
            LOG.warnf("Clear: report caches of %s not invalidated: %s", queues, e.toString());
        }
    }

    public Optional<DlqTask> find(String id) {
        return store.task(id).await().atMost(WAIT);
    }

    private void run(DlqTask task) {
        long[] removed = {0};
        try {
            Paced.End end = Paced.run(() -> {
                Optional<DlqClearPass> pass = store.clearBatch(task, DlqStore.MAX_BATCH).await().atMost(WAIT);
                if (pass.isEmpty()) {
                    return -1;
                }
                removed[0] += pass.get().removed();
                return pass.get().looked();
            }, DlqStore.MAX_BATCH, () -> stopping);
            // Before the task reads as ended: whoever sees it ended reads the queues' new DLQ counts.
            invalidateReports(task.originalQueue());
            switch (end) {
                case DONE -> finish(task.id(), DlqTask.SUCCEEDED, null);
                case STOPPED -> finish(task.id(), DlqTask.INTERRUPTED, "the service stopped");
                // Declared interrupted by another replica after a stall; that replica wrote the outcome.
                case REFUSED -> LOG.warnf("Clear task %s was ended elsewhere after %d removals", task.id(),
                        removed[0]);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Clear task %s failed after %d of about %d entries", task.id(), removed[0],
                    task.target());
            invalidateReports(task.originalQueue());
            finish(task.id(), DlqTask.FAILED, e.getClass().getSimpleName());
        }
    }

    private void finish(String id, String state, String error) {
        try {
            store.finishTask(id, state, error, config.clear().keepFinished(), Duration.ZERO).await().atMost(WAIT)
                    .ifPresent(this::ended);
        } catch (RuntimeException e) {
            // The task stays "running" with a stale heartbeat; reap() ends it once Redis answers again.
            LOG.errorf(e, "Clear task %s could not be recorded as %s", id, state);
        }
    }

    private void ended(DlqTask task) {
        LOG.infof("Clear task %s %s: %d of about %d entries removed", task.id(), task.state(), task.removed(),
                task.target());
        audit.outcome(task);
    }

    /** Ends the tasks whose replica died (heartbeat older than {@link #STALE_AFTER}); answers how many. */
    public int reap(Duration staleAfter) {
        int reaped = 0;
        for (String id : store.runningTasks().await().atMost(WAIT)) {
            Optional<DlqTask> ended = store.finishTask(id, DlqTask.INTERRUPTED, "its replica stopped responding",
                    config.clear().keepFinished(), staleAfter).await().atMost(WAIT);
            ended.ifPresent(this::ended);
            reaped += ended.isPresent() ? 1 : 0;
        }
        return reaped;
    }

    /** One look for stalled tasks, then a pause of {@link #REAP_EVERY}. */
    LoopTurn reapTurn() {
        return LoopTurn.after(reap(STALE_AFTER), REAP_EVERY);
    }

    /** Lets running tasks stop between two batches and record themselves interrupted. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        try {
            CompletableFuture.allOf(running.values().toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Clear tasks did not all stop in time; they will be found stalled and ended: %s", e);
        }
    }
}
