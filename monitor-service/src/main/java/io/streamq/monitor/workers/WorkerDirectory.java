package io.streamq.monitor.workers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.streamq.core.job.WorkerHeartbeat;
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
 * Worker stats from the registry's heartbeats. A worker whose heartbeat expired is {@code gone}: the index still
 * names it (for an hour) but its numbers are unknown now, so it never counts as alive.
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
    private final Map<String, WorkerView> lastAlive = new ConcurrentHashMap<>();

    public WorkerDirectory(QueueReader reader, ObjectMapper mapper) {
        this.reader = reader;
        this.mapper = mapper;
    }

    /** Every worker the registry remembers, alive first. */
    public Uni<List<WorkerView>> all() {
        return reader.workers().map(beats -> {
            List<WorkerView> views = new ArrayList<>(beats.size());
            for (WorkerBeat beat : beats) {
                WorkerView v = view(beat);
                if (v.alive()) {
                    lastAlive.put(v.workerId(), v);
                }
                views.add(v);
            }
            Set<String> known = beats.stream().map(WorkerBeat::workerId).collect(Collectors.toSet());
            lastAlive.keySet().retainAll(known);
            views.sort((a, b) -> Boolean.compare(b.alive(), a.alive()));
            return views;
        });
    }

    /** The workers that consume {@code queue}: alive ones by their heartbeat; gone ones only when their last said so. */
    public static List<WorkerView> of(List<WorkerView> all, String queue) {
        return all.stream().filter(w -> w.queues().contains(queue)).toList();
    }

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

    private WorkerView view(WorkerBeat beat) {
        if (beat.alive()) {
            try {
                WorkerHeartbeat hb = mapper.readValue(beat.heartbeatJson(), WorkerHeartbeat.class);
                List<String> queues = hb.queues() == null ? List.of() : hb.queues();
                return new WorkerView(beat.workerId(), "alive", hb.host(), queues, hb.concurrency(), hb.active(),
                        hb.processed(), Math.max(0, hb.processed() - hb.failed()), hb.failed(), hb.avgProcessingMs(),
                        hb.startedAt(), beat.lastSeenAt());
            } catch (IOException e) {
                // A heartbeat we cannot read says the worker lives but not what it does; show it without numbers.
                LOG.warnf("Unreadable heartbeat of worker %s", beat.workerId());
            }
        }
        WorkerView last = beat.alive() ? null : lastAlive.get(beat.workerId());
        if (last != null) {
            return new WorkerView(last.workerId(), "gone", last.host(), last.queues(), last.concurrency(), 0,
                    last.processed(), last.succeeded(), last.failed(), last.avgProcessingMs(), last.startedAt(),
                    beat.lastSeenAt());
        }
        return new WorkerView(beat.workerId(), beat.alive() ? "alive" : "gone", null, List.of(), 0, 0, 0, 0, 0, 0,
                null, beat.lastSeenAt());
    }
}
