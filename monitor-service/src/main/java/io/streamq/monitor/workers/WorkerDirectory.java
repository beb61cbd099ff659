package io.streamq.monitor.workers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.streamq.core.job.WorkerHeartbeat;
import io.streamq.core.job.WorkerQueueStats;
import io.streamq.core.store.QueueReader;
import io.streamq.core.store.WorkerBeat;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Worker stats from the registry's heartbeats, per process and per queue. A worker whose heartbeat expired is
 * {@code gone}: the index still names it (for an hour) but its numbers are unknown now, so it never counts as alive.
 */
@ApplicationScoped
public class WorkerDirectory {

    private static final Logger LOG = Logger.getLogger(WorkerDirectory.class);

    private final QueueReader reader;
    private final ObjectMapper mapper;
    /**
     * The last live view of each worker this replica saw, so a gone worker still shows under its queues with its
     * last numbers. Bounded by the registry: entries the index forgot (after an hour) are dropped.
     */
    private final Map<String, WorkerProcess> lastAlive = new ConcurrentHashMap<>();
    private volatile WorkerProcesses latest;

    public WorkerDirectory(QueueReader reader, ObjectMapper mapper) {
        this.reader = reader;
        this.mapper = mapper;
    }

    /** Every worker process the registry remembers, alive first. */
    public Uni<List<WorkerProcess>> all() {
        return reader.workers().map(beats -> {
            List<WorkerProcess> processes = new ArrayList<>(beats.size());
            for (WorkerBeat beat : beats) {
                WorkerProcess p = process(beat);
                if (p.alive()) {
                    lastAlive.put(p.workerId(), p);
                }
                processes.add(p);
            }
            Set<String> known = beats.stream().map(WorkerBeat::workerId).collect(Collectors.toSet());
            lastAlive.keySet().retainAll(known);
            processes.sort((a, b) -> Boolean.compare(b.alive(), a.alive()));
            latest = WorkerProcesses.of(processes);
            return processes;
        });
    }

    /** The processes counted by the last {@link #all()} of this replica; null before the first. */
    public WorkerProcesses latest() {
        return latest;
    }

    /**
     * The workers that consume {@code queue}, with their numbers on that queue: alive ones by their heartbeat; gone
     * ones only when their last said so.
     */
    public static List<WorkerView> of(List<WorkerProcess> all, String queue) {
        return all.stream().filter(p -> p.queues().contains(queue)).map(p -> view(p, queue)).toList();
    }

    private static WorkerView view(WorkerProcess p, String queue) {
        WorkerQueueStats s = p.on(queue);
        return new WorkerView(p.workerId(), p.status(), p.host(), p.version(), p.queues(), s.concurrency(),
                s.active(), s.processed(), Math.max(0, s.processed() - s.failed()), s.failed(), s.avgProcessingMs(),
                p.perQueue(), p.startedAt(), p.lastSeenAt());
    }

    /** The live workers' sums over their numbers on one queue ({@link #of}). */
    public static WorkerSummary summary(List<WorkerView> ofQueue) {
        int alive = 0, gone = 0, concurrency = 0;
        long inProcess = 0, processed = 0, succeeded = 0, failed = 0;
        double weighted = 0;
        for (WorkerView w : ofQueue) {
            if (!w.alive()) {
                gone++;
                continue;
            }
            alive++;
            concurrency += w.concurrency();
            inProcess += w.active();
            processed += w.processed();
            succeeded += w.succeeded();
            failed += w.failed();
            weighted += w.avgProcessingMs() * w.processed();
        }
        Double avg = processed == 0 ? null : Math.round(weighted / processed * 100) / 100.0;
        return new WorkerSummary(alive, gone, concurrency, inProcess, processed, succeeded, failed, avg);
    }

    private WorkerProcess process(WorkerBeat beat) {
        if (beat.alive()) {
            try {
                WorkerHeartbeat hb = mapper.readValue(beat.heartbeatJson(), WorkerHeartbeat.class);
                List<String> queues = hb.queues() == null ? List.of() : hb.queues();
                return new WorkerProcess(beat.workerId(), "alive", hb.host(), hb.version(), queues, hb.concurrency(),
                        hb.active(), hb.processed(), hb.failed(), hb.avgProcessingMs(), hb.byQueue(), hb.startedAt(),
                        beat.lastSeenAt());
            } catch (IOException e) {
                // A heartbeat we cannot read says the worker lives but not what it does; show it without numbers.
                LOG.warnf("Unreadable heartbeat of worker %s", beat.workerId());
            }
        }
        WorkerProcess last = beat.alive() ? null : lastAlive.get(beat.workerId());
        if (last != null) {
            return last.gone(beat.lastSeenAt());
        }
        return new WorkerProcess(beat.workerId(), beat.alive() ? "alive" : "gone", null, null, List.of(), 0, 0, 0, 0,
                0, null, null, beat.lastSeenAt());
    }
}
