package io.streamq.gateway.relay;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobEvent;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest progress of each job since the last tick, for the queue rooms: a job reporting four times a second
 * reaches them at most once per tick, with its latest value. The relay holds progress and passes the other events
 * of a job through {@link #sendAfterHeld}; the timer calls {@link #flush}. Both send under this object's lock, so a
 * job's held progress and its next event can never be sent in the wrong order by the two threads.
 */
final class ProgressCoalescer {

    /** Sends events of one queue to its room, in the order given. */
    @FunctionalInterface
    interface QueueRoomSender {
        void send(QueueName queue, List<JobEvent> events);
    }

    private record Held(QueueName queue, JobEvent progress) {
    }

    private final QueueRoomSender sender;
    private Map<String, Held> held = new LinkedHashMap<>();

    ProgressCoalescer(QueueRoomSender sender) {
        this.sender = sender;
    }

    /** Keeps {@code progress} as its job's latest, replacing one held since the last tick. */
    synchronized void hold(QueueName queue, JobEvent progress) {
        held.put(progress.jobId(), new Held(queue, progress));
    }

    /** Sends {@code event}, preceded by its job's held progress if any: that progress happened before it. */
    synchronized void sendAfterHeld(QueueName queue, JobEvent event) {
        Held before = event.jobId() == null ? null : held.remove(event.jobId());
        sender.send(queue, before == null ? List.of(event) : List.of(before.progress(), event));
    }

    /** Sends every held progress, grouped by queue, and starts the next tick empty. */
    synchronized void flush() {
        if (held.isEmpty()) {
            return;
        }
        Map<QueueName, List<JobEvent>> byQueue = new EnumMap<>(QueueName.class);
        held.values().forEach(h -> byQueue.computeIfAbsent(h.queue(), q -> new ArrayList<>()).add(h.progress()));
        held = new LinkedHashMap<>();
        byQueue.forEach(sender::send);
    }
}
