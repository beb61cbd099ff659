package io.streamq.dlq.replay;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.Replay;
import io.streamq.core.store.DlqEntry;
import io.streamq.core.store.DlqReplayMark;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueStatsCache;
import io.streamq.dlq.config.DlqConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Replays one entry safely. Under the entry's lock (SET NX PX with a random token, released by compare-and-delete)
 * it checks the limit and that the job has not already succeeded, puts the job back on its original queue under its
 * own id with a fresh attempt budget ({@link JobStore#replay}, which itself leaves a live or completed job alone),
 * then records the replay with its number (the queue's cached report is invalidated at once, so its next read counts
 * the job). So concurrent replays of one entry enqueue it once, no entry is replayed more than {@code max-replays}
 * times, and a job that succeeded is not run again, even once the queue's retention has removed it (the entry
 * remembers the success: {@code replaySucceededAt}).
 * Blocking: call it off the event loop.
 */
@ApplicationScoped
public class DlqReplayer {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final DlqStore store;
    private final JobStore jobs;
    private final DlqConfig config;
    private final QueueStatsCache statsCache;

    public DlqReplayer(DlqStore store, JobStore jobs, DlqConfig config, QueueStatsCache statsCache) {
        this.store = store;
        this.jobs = jobs;
        this.config = config;
        this.statsCache = statsCache;
    }

    public ReplayOutcome replay(String id, String actor) {
        String token = UUID.randomUUID().toString();
        if (!store.tryLock(id, token, config.replayLockTtl()).await().atMost(WAIT)) {
            return new ReplayOutcome.InProgress();
        }
        try {
            return replayLocked(id, actor);
        } finally {
            store.releaseLock(id, token).await().atMost(WAIT);
        }
    }

    private ReplayOutcome replayLocked(String id, String actor) {
        Optional<DlqEntry> found = store.find(id).await().atMost(WAIT);
        if (found.isEmpty()) {
            return new ReplayOutcome.NotFound();
        }
        DlqEntry entry = found.get();
        Optional<QueueName> queue = QueueName.fromWire(entry.originalQueue());
        if (queue.isEmpty()) {
            return new ReplayOutcome.NotFound();
        }
        if (entry.replaySucceededAt() != null) {
            return new ReplayOutcome.AlreadySucceeded();
        }
        if (entry.replayCount() >= config.maxReplays()) {
            return new ReplayOutcome.LimitReached(config.maxReplays());
        }
        Replay replay = new Replay(queue.get(), id, entry.originalJobName(), entry.payload(), entry.tenantId(),
                entry.workspaceId(), actor, entry.replayCount() + 1);
        switch (jobs.replay(replay).await().atMost(WAIT)) {
            case LIVE -> {
                return new ReplayOutcome.AlreadyLive();
            }
            case SUCCEEDED -> {
                return new ReplayOutcome.AlreadySucceeded();
            }
            case CANCELLED -> {
                return new ReplayOutcome.AlreadyCancelled();
            }
            case BEHIND -> {
                // The job already ran this replay; its failure since has not reached the entry yet.
                return new ReplayOutcome.InProgress();
            }
            case REPLAYED -> {
                // The job waits on its queue again: the queue's next report must count it.
                statsCache.invalidate(queue.get()).await().atMost(WAIT);
            }
        }
        return switch (store.markReplayed(id, actor, replay.replayCount(), config.maxReplays()).await()
                .atMost(WAIT)) {
            case DlqReplayMark.Marked m -> new ReplayOutcome.Replayed(m.replayCount());
            case DlqReplayMark.LimitReached l -> new ReplayOutcome.LimitReached(config.maxReplays());
            // Deleted between the read and now: the job is back on its queue, and the entry is gone as asked.
            case DlqReplayMark.Missing m -> new ReplayOutcome.Replayed(replay.replayCount());
        };
    }
}
