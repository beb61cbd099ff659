package io.streamq.monitor.admin;

import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.store.AdminOutcome;
import io.streamq.core.store.QueueAdmin;
import io.streamq.monitor.api.JobActionResult;
import io.streamq.monitor.api.QueuePaths;
import io.streamq.security.audit.AuditTarget;
import io.streamq.security.audit.Audited;
import io.streamq.security.bulk.BulkAction;
import io.streamq.security.bulk.BulkActions;
import io.streamq.security.bulk.BulkItem;
import io.streamq.security.bulk.BulkResult;
import io.streamq.security.bulk.BulkWork;
import io.streamq.security.bulk.IdRule;
import io.streamq.security.bulk.IdsRequest;
import io.streamq.security.error.ProblemException;
import io.streamq.security.owner.OwnerActions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

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

    private final QueueAdmin admin;
    private final Audited audited;
    private final OwnerActions actions;
    private final BulkActions bulk;

    public JobAdmin(QueueAdmin admin, Audited audited, OwnerActions actions, BulkActions bulk) {
        this.admin = admin;
        this.audited = audited;
        this.actions = actions;
        this.bulk = bulk;
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
                () -> actions.actor().chain(actor -> apply(action, queue, jobId, actor)
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
     * Up to 1,000 ids of this queue, through {@link BulkActions}: every id must be one of this queue's, else the
     * whole bulk is refused (400 naming each bad {@code ids[i]}) before anything is applied.
     */
    public Uni<BulkResult> bulk(QueueName queue, IdsRequest request, Action action) {
        String q = queue.wireName();
        IdRule ofQueue = new IdRule(id -> QueuePaths.holdsJob(queue, id), "must be a job id of queue " + q + " ("
                + q + "-<number>)", "Every id must be a job id of queue " + q);
        return bulk.run(new BulkAction(action.auditName + ".bulk", q, action.verb, ofQueue), request,
                BulkWork.perItem((id, actor) -> apply(action, queue, id, actor)
                        .map(o -> new BulkItem(o.jobId(), o.done(), o.done() ? null : o.reason()))));
    }

    private Uni<AdminOutcome> apply(Action action, QueueName queue, String jobId, String actor) {
        return action == Action.RETRY ? admin.retry(queue, jobId, actor) : admin.remove(queue, jobId, actor);
    }

    private static String refusal(String jobId, Action action, String reason) {
        String state = reason.startsWith("state:") ? reason.substring(6) : reason;
        return action == Action.RETRY
                ? "Job " + jobId + " is " + state + "; only failed jobs can be retried."
                : "Job " + jobId + " is " + state + "; an active job is left to its worker and cannot be removed.";
    }
}
