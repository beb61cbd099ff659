package io.streamq.core.store;

import io.smallrye.mutiny.Uni;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.script.AdminCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import jakarta.enterprise.context.ApplicationScoped;


import static io.streamq.core.store.Replies.orEmpty;

/** What owners do to jobs of a queue: retry a failed job, remove a job, purge the queue. One script each. */
@ApplicationScoped
public class QueueAdmin {

    private final ScriptRunner scripts;
    private final QueueCatalog catalog;

    public QueueAdmin(ScriptRunner scripts, QueueCatalog catalog) {
        this.scripts = scripts;
        this.catalog = catalog;
    }

    /** failed → waiting with a fresh attempt budget; any other state is refused with it. */
    public Uni<AdminOutcome> retry(QueueName queue, String jobId, String actor) {
        QueueKeys k = QueueKeys.of(queue);
        return scripts.run(ScriptCall.of(AdminCommands.RETRY_JOB)
                        .key("stream", k.stream()).key("counts", k.counts()).key("failed index", k.failed())
                        .key("prioritized", k.prioritized()).key("wake stream", k.wake())
                        .arg("jobPrefix", k.jobPrefix()).arg("queue", queue.wireName())
                        .arg("channel", Channels.JOB_EVENTS).arg("jobId", jobId)
                        .arg("maxAttempts", catalog.settings(queue).maxAttempts()).arg("actor", orEmpty(actor)))
                .map(r -> outcome(jobId, r.get(0).toString(), r.size() > 1 ? r.get(1).toString() : null,
                        "retried", "failed"));
    }

    /** Any state except active → gone. */
    public Uni<AdminOutcome> remove(QueueName queue, String jobId, String actor) {
        QueueKeys k = QueueKeys.of(queue);
        return scripts.run(ScriptCall.of(AdminCommands.REMOVE_JOB)
                        .key("stream", k.stream()).key("counts", k.counts()).key("delayed", k.delayed())
                        .key("completed", k.completed()).key("failed", k.failed()).key("prioritized", k.prioritized())
                        .key("cancelled", k.cancelled())
                        .arg("jobPrefix", k.jobPrefix()).arg("queue", queue.wireName())
                        .arg("channel", Channels.JOB_EVENTS).arg("jobId", jobId).arg("actor", orEmpty(actor)))
                .map(r -> outcome(jobId, r.get(0).toString(), r.size() > 1 ? r.get(1).toString() : null,
                        "removed", null));
    }

    private static AdminOutcome outcome(String jobId, String verdict, String detail, String done, String fromState) {
        if (verdict.equals(done)) {
            return new AdminOutcome(jobId, true, fromState != null ? fromState : detail);
        }
        if (verdict.equals(AdminOutcome.NOT_FOUND)) {
            return new AdminOutcome(jobId, false, AdminOutcome.NOT_FOUND);
        }
        return new AdminOutcome(jobId, false, "state:" + detail);
    }

    /** Deletes up to {@code limit} jobs of each non-active state; repeat while {@link PurgeBatch#more()}. */
    public Uni<PurgeBatch> purgeBatch(QueueName queue, int limit, String actor) {
        QueueKeys k = QueueKeys.of(queue);
        return scripts.run(ScriptCall.of(AdminCommands.PURGE_QUEUE_BATCH)
                        .key("stream", k.stream()).key("counts", k.counts()).key("delayed", k.delayed())
                        .key("completed", k.completed()).key("failed", k.failed()).key("prioritized", k.prioritized())
                        .key("cancelled", k.cancelled())
                        .arg("jobPrefix", k.jobPrefix()).arg("group", QueueKeys.CONSUMER_GROUP).arg("limit", limit)
                        .arg("queue", queue.wireName()).arg("channel", Channels.JOB_EVENTS)
                        .arg("actor", orEmpty(actor)))
                .map(r -> new PurgeBatch(r.get(0).toLong(), r.get(1).toLong(), r.get(2).toLong(), r.get(3).toLong(),
                        r.get(4).toLong(), r.get(5).toLong() == 1));
    }
}
