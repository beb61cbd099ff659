package io.streamq.gateway.relay;

import io.streamq.core.contract.QueueName;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums job events per queue and state between two ticks, and remembers the latest raw batch of each queue (stored
 * in Redis once per tick instead of once per message: under load that is one SET per queue per tick, not thousands).
 * Thread-safe: the relay adds, the timer drains.
 */
final class JobCoalescer {

    /** What happened in {@code [from, to)}: counts by state per queue, and each queue's latest raw batch. */
    record Tick(long from, long to, Map<QueueName, Map<String, Long>> counts, Map<QueueName, String> latest) {
        boolean isEmpty() {
            return counts.isEmpty() && latest.isEmpty();
        }
    }

    private Map<QueueName, Map<String, Long>> counts = new EnumMap<>(QueueName.class);
    private Map<QueueName, String> latest = new EnumMap<>(QueueName.class);
    private long since;

    JobCoalescer(long now) {
        this.since = now;
    }

    synchronized void count(QueueName queue, String state) {
        counts.computeIfAbsent(queue, q -> new LinkedHashMap<>()).merge(state, 1L, Long::sum);
    }

    synchronized void latest(QueueName queue, String rawBatch) {
        latest.put(queue, rawBatch);
    }

    synchronized Tick drain(long now) {
        Tick tick = new Tick(since, now, counts, latest);
        counts = new EnumMap<>(QueueName.class);
        latest = new EnumMap<>(QueueName.class);
        since = now;
        return tick;
    }
}
