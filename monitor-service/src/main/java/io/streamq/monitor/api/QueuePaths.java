package io.streamq.monitor.api;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobIds;
import io.streamq.security.error.ProblemException;

/**
 * A queue name from a path or body: one of the work queues, else a 404 problem (the DLQ is dlq-service's); and the
 * job ids of a queue.
 */
public final class QueuePaths {
    private QueuePaths() {
    }

    public static QueueName resolve(String name) {
        return QueueName.fromWire(name).filter(q -> q != QueueName.DLQ)
                .orElseThrow(() -> new ProblemException(404, "There is no work queue named '" + clip(name) + "'."));
    }

    /** Whether {@code jobId} can name a job of {@code queue}: ids are {@code <queue>-<n>}, anything else names none. */
    public static boolean holdsJob(QueueName queue, String jobId) {
        return JobIds.queueOf(jobId).filter(queue::equals).isPresent();
    }

    public static ProblemException noSuchJob(QueueName queue, String jobId) {
        return new ProblemException(404, "Queue " + queue + " has no job " + clip(jobId) + ".");
    }

    /** Echo at most 40 characters of client input. */
    static String clip(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
