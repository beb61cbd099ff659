package io.streamq.monitor.admin;

import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.store.AdminOutcome;
import io.streamq.core.store.QueueAdmin;
import io.streamq.monitor.api.BulkItem;
import io.streamq.monitor.api.BulkResult;
import io.streamq.monitor.api.JobActionResult;
import io.streamq.monitor.api.QueuePaths;
import io.streamq.security.audit.AuditTarget;
import io.streamq.security.audit.Audited;
import io.streamq.security.error.FieldProblem;
import io.streamq.security.error.InvalidRequestException;
import io.streamq.security.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Retry and remove of single jobs and bulks: audited, one script per job, published on the owner channel. */
@ApplicationScoped
public class JobAdmin {

    public enum Action {
        RETRY("job.retry", "retried"), REMOVE("job.remove", "removed");

        final String auditName;
        final String verb;

        Action(String auditName, String verb) {
            this.auditName = auditName;
            this.verb = verb;
        }
    }

    private static final int IN_FLIGHT = 32;

    private final QueueAdmin admin;
    private final Audited audited;
    private final OwnerActions actions;

    public JobAdmin(QueueAdmin admin, Audited audited, OwnerActions actions) {
        this.admin = admin;
        this.audited = audited;
        this.actions = actions;
    }

    /**
     * One job; 404 when it does not exist in this queue (an id of another shape or queue names none, and never
     * reaches a key), 409 when its state does not allow the action.
     */
    public Uni<JobActionResult> one(QueueName queue, String jobId, Action action) {
        if (!QueuePaths.holdsJob(queue, jobId)) {
            return Uni.createFrom().failure(QueuePaths.noSuchJob(queue, jobId));
        }
        return audited.mutation(action.auditName, AuditTarget.jobs(queue.wireName(), List.of(jobId)), Map.of(),
                () -> actions.actor().chain(actor -> run(action).apply(queue, new String[]{jobId, actor})
                        .chain(outcome -> {
                            if (outcome.notFound()) {
                                return Uni.createFrom().failure(QueuePaths.noSuchJob(queue, jobId));
                            }
                            if (!outcome.done()) {
                                return Uni.createFrom().failure(new ProblemException(409, refusal(jobId, action,
                                        outcome.reason())));
                            }
                            return actions.publish(action.auditName, queue.wireName(), List.of(jobId), actor,
                                            Map.of("previousState", outcome.reason()))
                                    .replaceWith(new JobActionResult(jobId, queue.wireName(), action.verb,
                                            outcome.reason()));
                        })));
    }

    /**
     * Up to 1,000 ids (duplicates count once); one result per id, in order. Every id must be one of this queue's,
     * else the whole bulk is refused (400 naming each bad {@code ids[i]}) before anything is applied: a malformed id
     * could reach a key of another type and fail the bulk halfway.
     */
    public Uni<BulkResult> bulk(QueueName queue, List<String> ids, Action action) {
        List<FieldProblem> bad = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!QueuePaths.holdsJob(queue, ids.get(i))) {
                bad.add(new FieldProblem("ids[" + i + "]", "must be a job id of queue " + queue.wireName() + " ("
                        + queue.wireName() + "-<number>)"));
            }
        }
        if (!bad.isEmpty()) {
            return Uni.createFrom().failure(new InvalidRequestException(
                    "Every id must be a job id of queue " + queue.wireName() + "; nothing was applied.", bad));
        }
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        return audited.mutation(action.auditName + ".bulk", AuditTarget.jobs(queue.wireName(), unique),
                Map.of("count", unique.size()), () -> actions.actor().chain(actor ->
                        applyAll(queue, unique, action, actor).chain(outcomes -> {
                            List<BulkItem> items = new ArrayList<>(outcomes.size());
                            List<String> done = new ArrayList<>();
                            for (AdminOutcome o : outcomes) {
                                items.add(new BulkItem(o.jobId(), o.done(), o.done() ? null : o.reason()));
                                if (o.done()) {
                                    done.add(o.jobId());
                                }
                            }
                            BulkResult result = new BulkResult(queue.wireName(), action.verb, done.size(),
                                    items.size() - done.size(), items);
                            return actions.publish(action.auditName + ".bulk", queue.wireName(), done, actor,
                                    Map.of("successCount", result.successCount(), "failureCount",
                                            result.failureCount())).replaceWith(result);
                        })));
    }

    /**
     * In request order, at most {@link #IN_FLIGHT} scripts at a time: a thousand at once overflow the Redis client's
     * wait queue, and the bulk would fail after part of it was applied.
     */
    private Uni<List<AdminOutcome>> applyAll(QueueName queue, List<String> ids, Action action, String actor) {
        Uni<List<AdminOutcome>> done = Uni.createFrom().item(List.of());
        for (int from = 0; from < ids.size(); from += IN_FLIGHT) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_FLIGHT));
            done = done.chain(sofar -> Uni.join().all(chunk.stream()
                            .map(id -> run(action).apply(queue, new String[]{id, actor})).toList()).andFailFast()
                    .map(outcomes -> {
                        List<AdminOutcome> all = new ArrayList<>(sofar);
                        all.addAll(outcomes);
                        return all;
                    }));
        }
        return done;
    }

    private BiFunction<QueueName, String[], Uni<AdminOutcome>> run(Action action) {
        return action == Action.RETRY
                ? (q, a) -> admin.retry(q, a[0], a[1])
                : (q, a) -> admin.remove(q, a[0], a[1]);
    }

    private static String refusal(String jobId, Action action, String reason) {
        String state = reason.startsWith("state:") ? reason.substring(6) : reason;
        return action == Action.RETRY
                ? "Job " + jobId + " is " + state + "; only failed jobs can be retried."
                : "Job " + jobId + " is " + state + "; an active job is left to its worker and cannot be removed.";
    }
}
