package io.streamq.core.store;

import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.script.HandlerCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Housekeeping of a work queue: retention of finished jobs and repair of its live counters. */
@ApplicationScoped
public class QueueMaintenance {

    public record Swept(int completed, int failed, int cancelled) {

        /** Whether any index gave a whole batch: a further call may find more. */
        public boolean full(int limit) {
            return completed == limit || failed == limit || cancelled == limit;
        }
    }

    /**
     * Counters before and after a refresh, with what the stream and group said. {@code lag} is -1 when unknown;
     * {@code strays} counts entries whose job is not waiting or active through them.
     */
    public record Recount(long waitingBefore, long activeBefore, long waitingAfter, long activeAfter,
                          long streamLength, long pending, long lag, long strays) {
        public boolean drifted() {
            return waitingBefore != waitingAfter || activeBefore != activeAfter;
        }
    }

    /** Most pending and undelivered entries one refresh inspects, so the call stays within a few ms of Redis time. */
    static final int ENTRIES_INSPECTED = 2_000;

    private final ScriptRunner scripts;

    public QueueMaintenance(ScriptRunner scripts) {
        this.scripts = scripts;
    }

    /** Deletes at most {@code limit} jobs of each finished state that finished more than {@code age} ago. */
    public Uni<Swept> sweepFinished(QueueName queue, Duration age, int limit) {
        QueueKeys keys = QueueKeys.of(queue);
        return scripts.run(ScriptCall.of(HandlerCommands.CLEANUP_FINISHED)
                        .key("completed index", keys.completed()).key("failed index", keys.failed())
                        .key("cancelled index", keys.cancelled())
                        .arg("jobPrefix", keys.jobPrefix()).arg("age ms", age.toMillis())
                        .arg("most jobs per index per call", limit))
                .map(r -> new Swept(r.get(0).toInteger(), r.get(1).toInteger(), r.get(2).toInteger()));
    }

    /** Recomputes {@code waiting} and {@code active} from the streams, the group and the prioritized set, atomically. */
    public Uni<Recount> refreshCounts(QueueName queue) {
        QueueKeys keys = QueueKeys.of(queue);
        return scripts.run(ScriptCall.of(HandlerCommands.REFRESH_COUNTS)
                        .key("stream", keys.stream()).key("counts", keys.counts())
                        .key("prioritized stream", keys.prioritizedStream()).key("prioritized", keys.prioritized())
                        .arg("group", QueueKeys.CONSUMER_GROUP).arg("jobPrefix", keys.jobPrefix())
                        .arg("inspect", ENTRIES_INSPECTED))
                .map(r -> new Recount(r.get(0).toLong(), r.get(1).toLong(), r.get(2).toLong(), r.get(3).toLong(),
                        r.get(4).toLong(), r.get(5).toLong(), r.get(6).toLong(), r.get(7).toLong()));
    }
}
