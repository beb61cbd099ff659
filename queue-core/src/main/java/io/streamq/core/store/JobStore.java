package io.streamq.core.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.EnqueuedJob;
import io.streamq.core.job.JobError;
import io.streamq.core.job.JobIds;
import io.streamq.core.job.JobView;
import io.streamq.core.job.NewJob;
import io.streamq.core.job.Replay;
import io.streamq.core.job.ReplayVerdict;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.script.Commands;
import io.streamq.core.script.ScriptRunner;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.streamq.core.store.Replies.blankToNull;
import static io.streamq.core.store.Replies.orEmpty;

/** Enqueue and read jobs: what producers and owners do to a queue. */
@ApplicationScoped
public class JobStore {

    private static final int ARGS_PER_JOB = 8;

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
        List<String> args = new ArrayList<>(7 + positions.size() * ARGS_PER_JOB);
        args.add(queue.wireName());
        args.add(keys.jobPrefix());
        args.add(keys.idempotencyPrefix());
        args.add(keys.minutePrefix());
        args.add(Long.toString(catalog.idempotencyTtl().toMillis()));
        args.add(Channels.JOB_EVENTS);
        args.add(Integer.toString(positions.size()));
        for (int position : positions) {
            NewJob job = jobs.get(position);
            args.add(job.type().wireName());
            args.add(job.payloadJson());
            args.add(Integer.toString(maxAttempts));
            args.add(Long.toString(Math.max(0, job.delayMs())));
            args.add(orEmpty(job.tenant()));
            args.add(orEmpty(job.workspace()));
            args.add(orEmpty(job.actor()));
            args.add(orEmpty(job.idempotencyKey()));
        }
        List<String> scriptKeys = List.of(keys.sequence(), keys.stream(), keys.delayed(), keys.counts());
        return scripts.run(Commands.ENQUEUE, scriptKeys, args).map(reply -> {
            Map<Integer, EnqueuedJob> out = new HashMap<>();
            for (int i = 0; i < positions.size(); i++) {
                Response row = reply.get(i);
                int position = positions.get(i);
                out.put(position, new EnqueuedJob(row.get(0).toString(), queue, jobs.get(position).type().wireName(),
                        row.get(2).toString(), row.get(3).toLong(), row.get(1).toInteger() == 1));
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
        return Optional.of(new JobView(jobId, queue, h.get("name"), h.get("state"),
                Integer.parseInt(h.getOrDefault("attempts", "0")), Integer.parseInt(h.getOrDefault("maxAttempts", "0")),
                time(h, "createdAt"), time(h, "dueAt"), time(h, "startedAt"), time(h, "finishedAt"),
                time(h, "durationMs"), h.get("tenant"), h.get("workspace"), h.get("actor"), payload,
                blankToNull(h.get("result")), error, time(h, "firstFailedAt"), time(h, "lastFailedAt")));
    }

    private static Long time(Map<String, String> h, String field) {
        String v = h.get(field);
        return v == null ? null : Long.parseLong(v);
    }

    /** Puts a dead job back on its queue with a fresh attempt budget, unless it is live again or succeeded since. */
    public Uni<ReplayVerdict> replay(Replay replay) {
        QueueKeys keys = QueueKeys.of(replay.queue());
        int maxAttempts = catalog.settings(replay.queue()).maxAttempts();
        return scripts.run(Commands.REPLAY,
                        List.of(keys.stream(), keys.counts(), keys.failed(), keys.completed(), keys.delayed(),
                                keys.succeededAfterDlq()),
                        List.of(keys.jobPrefix(), replay.queue().wireName(), Channels.JOB_EVENTS, replay.jobId(),
                                replay.name(), replay.payloadJson(), Integer.toString(maxAttempts),
                                orEmpty(replay.tenant()), orEmpty(replay.workspace()), orEmpty(replay.actor()),
                                Integer.toString(replay.replayCount())))
                .map(r -> ReplayVerdict.fromScript(r.toString()));
    }

    /** Pauses or resumes a queue; true when the flag changed. */
    public Uni<Boolean> setPaused(QueueName queue, boolean paused, String actor) {
        return scripts.run(Commands.SET_PAUSED, List.of(QueueKeys.of(queue).meta()),
                        List.of(queue.wireName(), Channels.JOB_EVENTS, paused ? "1" : "0", orEmpty(actor)))
                .map(r -> r.toInteger() == 1);
    }
}
