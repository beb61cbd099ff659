package io.streamq.monitor.api;

import io.streamq.core.contract.QueueName;
import io.streamq.security.error.ProblemException;

/** A queue name from a path or body: one of the work queues, else a 404 problem (the DLQ is dlq-service's). */
public final class QueuePaths {
    private QueuePaths() {
    }

    public static QueueName resolve(String name) {
        return QueueName.fromWire(name).filter(q -> q != QueueName.DLQ)
                .orElseThrow(() -> new ProblemException(404, "There is no work queue named '" + clip(name) + "'."));
    }

    /** Echo at most 40 characters of client input. */
    static String clip(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
