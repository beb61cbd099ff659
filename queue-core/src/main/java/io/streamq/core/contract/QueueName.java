package io.streamq.core.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The queues of the platform. {@link #DLQ} holds jobs that failed for good. */
public enum QueueName {
    AI("ai"),
    WORKFLOWS("workflows"),
    ANALYTICS("analytics"),
    EMAIL("email"),
    PLUGINS("plugins"),
    SYSTEM("system"),
    DLQ("dlq");

    private final String wireName;

    QueueName(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The queues whose jobs workers run; the DLQ is fed by hand-off, not consumed by workers. */
    public static List<QueueName> workQueues() {
        return Arrays.stream(values()).filter(q -> q != DLQ).toList();
    }

    public static Optional<QueueName> fromWire(String name) {
        return Arrays.stream(values()).filter(q -> q.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
