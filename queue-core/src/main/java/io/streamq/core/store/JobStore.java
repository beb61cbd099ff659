package io.streamq.core.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.EnqueueOptions;
import io.streamq.core.job.EnqueueOutcome;
import io.streamq.core.job.EnqueuedJob;
import io.streamq.core.job.JobError;
import io.streamq.core.job.JobIds;
import io.streamq.core.job.JobView;
import io.streamq.core.job.NewJob;
import io.streamq.core.job.Replay;
import io.streamq.core.job.ReplayVerdict;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.script.Commands;
import io.streamq.core.script.ReplyRows;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.streamq.core.store.Replies.blankToNull;
import static io.streamq.core.store.Replies.orEmpty;

/** Enqueue and read jobs: what producers and owners do to a queue. */
@ApplicationScoped
public class JobStore {

    private final ScriptRunner scripts;
    private final ReactiveRedisDataSource redis;
    private final QueueCatalog catalog;

    public JobStore(ScriptRunner scripts, ReactiveRedisDataSource redis, QueueCatalog catalog) {
        this.scripts = scripts;
        this.redis = redis;
        this.catalog = catalog;
    }

    /** Enqueues jobs of any queues, one script call per queue; answers in the order given. */
    public Uni<List<EnqueuedJob>> enqueue(List<NewJob> jobs) {
        Map<QueueName, List<Integer>> positionsByQueue = new LinkedHashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            positionsByQueue.computeIfAbsent(jobs.get(i).type().queue(), q -> new ArrayList<>()).add(i);
        }
        List<Uni<Map<Integer, EnqueuedJob>>> calls = new ArrayList<>();
        positionsByQueue.forEach((queue, positions) -> calls.add(enqueueOnQueue(queue, jobs, positions)));
        if (calls.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(calls).andFailFast().map(parts -> {
            Map<Integer, EnqueuedJob> byPosition = new HashMap<>();
            parts.forEach(byPosition::putAll);
            List<EnqueuedJob> ordered = new ArrayList<>(jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
                ordered.add(byPosition.get(i));
            }
            return ordered;
        });
    }

    private Uni<Map<Integer, EnqueuedJob>> enqueueOnQueue(QueueName queue, List<NewJob> jobs, List<Integer> positions) {
        QueueKeys keys = QueueKeys.of(queue);
        int maxAttempts = catalog.settings(queue).maxAttempts();
        long defaultWindowMs = catalog.idempotencyTtl().toMillis();
        ScriptCall call = ScriptCall.of(Commands.ENQUEUE)
                .key("sequence", keys.sequence()).key("stream", keys.stream()).key("delayed", keys.delayed())
                .key("counts", keys.counts()).key("prioritized", keys.prioritized()).key("wake stream", keys.wake())
                .arg("queue", queue.wireName()).arg("jobPrefix", keys.jobPrefix())
                .arg("idempotencyPrefix", keys.idempotencyPrefix()).arg("minutePrefix", keys.minutePrefix())
                .arg("channel", Channels.JOB_EVENTS).arg("job count", positions.size());
        for (int position : positions) {
            NewJob job = jobs.get(position);
            EnqueueOptions options = job.options();
            call.arg("name", job.type().wireName()).arg("payload", job.payloadJson())
                    .arg("maxAttempts", maxAttempts).arg("delayMs", Math.max(0, job.delayMs()))
                    .arg("tenant", orEmpty(job.tenant())).arg("workspace", orEmpty(job.workspace()))
                    .arg("actor", orEmpty(job.actor())).arg("idempotencyKey", orEmpty(job.idempotencyKey()))
                    .arg("priority", options.priority())
                    .arg("idempotencyWindowMs", options.idempotencyWindowMs() > 0
                            ? options.idempotencyWindowMs() : defaultWindowMs)
                    .arg("debounce", options.debounce() ? 1 : 0);
        }
        return scripts.run(call).map(reply -> {
            Map<Integer, EnqueuedJob> out = new HashMap<>();
            List<ReplyRows.Row> rows = ReplyRows.of(Commands.ENQUEUE).read(reply, 0, row -> row);
            for (int i = 0; i < positions.size(); i++) {
                ReplyRows.Row row = rows.get(i);
                int position = positions.get(i);
                out.put(position, new EnqueuedJob(row.get("id").toString(), queue,
                        jobs.get(position).type().wireName(), row.get("state").toString(),
                        row.get("createdAt").toLong(), EnqueueOutcome.fromScript(row.get("outcome").toString())));
            }
            return out;
        });
    }

    /** Reads a job back; empty when the id is malformed or the job is gone (or never existed). */
    public Uni<Optional<JobView>> find(String jobId) {
        Optional<QueueName> queue = JobIds.queueOf(jobId);
        if (queue.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        QueueKeys keys = QueueKeys.of(queue.get());
        return Uni.combine().all()
                .unis(redis.hash(String.class).hgetall(keys.job(jobId)), redis.value(String.class).get(keys.payload(jobId)))
                .asTuple()
                .map(t -> toView(jobId, queue.get(), t.getItem1(), t.getItem2()));
    }

    private static Optional<JobView> toView(String jobId, QueueName queue, Map<String, String> h, String payload) {
        if (h == null || h.isEmpty()) {
            return Optional.empty();
        }
        JobError error = h.containsKey("errorCode")
                ? new JobError(h.get("errorCode"), h.get("errorName"), h.get("errorMessage"),
                blankToNull(h.get("errorStack")))
                : null;
        // Only a job of another priority than the default keeps the field (includes/new-job.lua).
        int priority = h.containsKey("priority") ? Integer.parseInt(h.get("priority")) : EnqueueOptions.DEFAULT_PRIORITY;
        return Optional.of(new JobView(jobId, queue, h.get("name"), h.get("state"), priority,
                Integer.parseInt(h.getOrDefault("attempts", "0")), Integer.parseInt(h.getOrDefault("maxAttempts", "0")),
                time(h, "createdAt"), time(h, "dueAt"), time(h, "startedAt"), time(h, "finishedAt"),
                time(h, "durationMs"), h.get("tenant"), h.get("workspace"), h.get("actor"), payload,
                blankToNull(h.get("result")), error, time(h, "firstFailedAt"), time(h, "lastFailedAt"),
                currentProgress(h), currentProgress(h) == null ? null : time(h, "progressAt"), h.get("cancelledBy"),
                h.get("cancelledFrom")));
    }

    /**
     * The progress reported by the job's current attempt, or by its last one once it stopped running. A waiting job
     * (after a hand-back or a retry) and an attempt that has not reported yet show none: the value on the hash is
     * then an earlier attempt's (report-progress.lua stamps it with that attempt's lease entry).
     */
    private static String currentProgress(Map<String, String> h) {
        String state = h.get("state");
        boolean earlier = "waiting".equals(state)
                || "active".equals(state) && !Objects.equals(h.get("entry"), h.get("progressEntry"));
        return earlier ? null : h.get("progress");
    }

    private static Long time(Map<String, String> h, String field) {
        String v = h.get(field);
        return v == null ? null : Long.parseLong(v);
    }

    /** Puts a dead job back on its queue with a fresh attempt budget, unless it is live again or succeeded since. */
    public Uni<ReplayVerdict> replay(Replay replay) {
        QueueKeys keys = QueueKeys.of(replay.queue());
        int maxAttempts = catalog.settings(replay.queue()).maxAttempts();
        return scripts.run(ScriptCall.of(Commands.REPLAY)
                        .key("stream", keys.stream()).key("counts", keys.counts()).key("failed index", keys.failed())
                        .key("completed index", keys.completed()).key("delayed index", keys.delayed())
                        .key("succeeded-after-DLQ index", keys.succeededAfterDlq())
                        .key("prioritized", keys.prioritized()).key("wake stream", keys.wake())
                        .arg("jobPrefix", keys.jobPrefix()).arg("queue", replay.queue().wireName())
                        .arg("channel", Channels.JOB_EVENTS).arg("jobId", replay.jobId()).arg("name", replay.name())
                        .arg("payload", replay.payloadJson()).arg("maxAttempts", maxAttempts)
                        .arg("tenant", orEmpty(replay.tenant())).arg("workspace", orEmpty(replay.workspace()))
                        .arg("actor", orEmpty(replay.actor())).arg("replayCount", replay.replayCount()))
                .map(r -> ReplayVerdict.fromScript(r.toString()));
    }

    /** Pauses or resumes a queue; true when the flag changed. */
    public Uni<Boolean> setPaused(QueueName queue, boolean paused, String actor) {
        return scripts.run(ScriptCall.of(Commands.SET_PAUSED).key("meta", QueueKeys.of(queue).meta())
                        .arg("queue", queue.wireName()).arg("channel", Channels.JOB_EVENTS)
                        .arg("paused", paused ? "1" : "0").arg("actor", orEmpty(actor)))
                .map(r -> r.toInteger() == 1);
    }
}
