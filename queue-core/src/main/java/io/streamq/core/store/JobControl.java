package io.streamq.core.store;

import io.smallrye.mutiny.Uni;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.config.RemovalPolicy;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.CancelFilter;
import io.streamq.core.job.CancelVerdict;
import io.streamq.core.job.JobIds;
import io.streamq.core.job.JobState;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.script.JobControlCommands;
import io.streamq.core.script.ReplyRows;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.streamq.core.store.Replies.orEmpty;

/**
 * Stopping jobs and waiting for them: cancel (one script call per {@value #CANCEL_BATCH} ids) and the mark a waiter
 * sets before it waits. See commands/cancel-jobs.lua and watch-job.lua.
 */
@ApplicationScoped
public class JobControl {
    /** Ids per cancel script call: each call holds Redis for its batch only. */
    static final int CANCEL_BATCH = 100;

    private final ScriptRunner scripts;
    private final QueueCatalog catalog;

    public JobControl(ScriptRunner scripts, QueueCatalog catalog) {
        this.scripts = scripts;
        this.catalog = catalog;
    }

    /**
     * Cancels the jobs of {@code queue} among {@code jobIds} that match {@code filter} and are not finished; a verdict
     * per id, in order.
     */
    public Uni<List<CancelVerdict>> cancel(QueueName queue, List<String> jobIds, String actor, CancelFilter filter) {
        if (jobIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<List<CancelVerdict>>> calls = new ArrayList<>();
        for (int from = 0; from < jobIds.size(); from += CANCEL_BATCH) {
            calls.add(cancelBatch(queue, jobIds.subList(from, Math.min(jobIds.size(), from + CANCEL_BATCH)), actor,
                    filter));
        }
        // In order, one after the other: a bulk cancel is a stream of short script calls, not one long one.
        Uni<List<CancelVerdict>> all = Uni.createFrom().item(new ArrayList<>());
        for (Uni<List<CancelVerdict>> call : calls) {
            all = all.chain(sofar -> call.map(more -> {
                sofar.addAll(more);
                return sofar;
            }));
        }
        return all.map(List::copyOf);
    }

    /** Cancels one job wherever its id says it lives; not found for an id that names no queue. */
    public Uni<CancelVerdict> cancel(String jobId, String actor, CancelFilter filter) {
        Optional<QueueName> queue = JobIds.queueOf(jobId);
        if (queue.isEmpty()) {
            return Uni.createFrom().item(new CancelVerdict(jobId, CancelVerdict.Verdict.NOT_FOUND, ""));
        }
        return cancel(queue.get(), List.of(jobId), actor, filter).map(List::getFirst);
    }

    private Uni<List<CancelVerdict>> cancelBatch(QueueName queue, List<String> jobIds, String actor,
                                                 CancelFilter filter) {
        QueueKeys k = QueueKeys.of(queue);
        // Cancelled jobs are kept like failed ones: both are what an owner looks into after the fact.
        RemovalPolicy keep = catalog.settings(queue).removeFailed();
        ScriptCall call = ScriptCall.of(JobControlCommands.CANCEL_JOBS)
                .key("stream", k.stream()).key("prioritized stream", k.prioritizedStream())
                .key("counts", k.counts()).key("delayed", k.delayed()).key("prioritized", k.prioritized())
                .key("cancelled index", k.cancelled())
                .arg("group", QueueKeys.CONSUMER_GROUP).arg("jobPrefix", k.jobPrefix())
                .arg("queue", queue.wireName()).arg("channel", Channels.JOB_EVENTS)
                .arg("cancel requests channel", Channels.JOB_CANCEL_REQUESTS)
                .arg("finished channel", Channels.JOB_FINISHED).arg("actor", orEmpty(actor))
                .arg("name filter", orEmpty(filter.jobName())).arg("tenant filter", orEmpty(filter.tenant()))
                .arg("keep count", keep.keepLast()).arg("keep age ms", keep.keepFor().toMillis());
        jobIds.forEach(id -> call.arg("jobId", id));
        return scripts.run(call).map(reply -> ReplyRows.of(JobControlCommands.CANCEL_JOBS).read(reply, 0,
                row -> new CancelVerdict(row.get("jobId").toString(),
                        CancelVerdict.Verdict.fromScript(row.get("verdict").toString()), row.get("state").toString())));
    }

    /**
     * Marks a job as waited for, so its finish is published on {@link Channels#JOB_FINISHED}, and reads its state in
     * the same step; empty when there is no such job.
     */
    public Uni<Optional<JobState>> watch(String jobId) {
        Optional<QueueName> queue = JobIds.queueOf(jobId);
        if (queue.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return scripts.run(ScriptCall.of(JobControlCommands.WATCH_JOB).key("job", QueueKeys.of(queue.get()).job(jobId)))
                .map(r -> r == null ? Optional.<JobState>empty() : JobState.fromWire(r.toString()));
    }
}
