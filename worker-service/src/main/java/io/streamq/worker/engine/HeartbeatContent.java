package io.streamq.worker.engine;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.WorkerHeartbeat;
import io.streamq.core.job.WorkerQueueStats;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The heartbeat of a worker serving {@code queues}: each queue's own numbers under {@code byQueue}, and their sums
 * in the flat fields, so that a queue's worker numbers never include the work of the worker's other queues.
 */
record HeartbeatContent(String workerId, String host, long startedAt, String version) {

    WorkerHeartbeat of(Set<QueueName> queues, ToIntFunction<QueueName> concurrency, WorkerStats stats, long now) {
        List<QueueName> sorted = queues.stream().sorted(Comparator.naturalOrder()).toList();
        Map<String, WorkerQueueStats> byQueue = new LinkedHashMap<>();
        int slots = 0, active = 0;
        long processed = 0, failed = 0;
        double weightedMs = 0;
        for (QueueName q : sorted) {
            WorkerQueueStats s = stats.of(q, concurrency.applyAsInt(q));
            byQueue.put(q.wireName(), s);
            slots += s.concurrency();
            active += s.active();
            processed += s.processed();
            failed += s.failed();
            weightedMs += s.avgProcessingMs() * s.processed();
        }
        return new WorkerHeartbeat(workerId, host, sorted.stream().map(QueueName::wireName).toList(), slots, active,
                processed, failed, processed == 0 ? 0 : weightedMs / processed, startedAt, now, version, byQueue);
    }
}
