package io.streamq.monitor.admin;

import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.CancelFilter;
import io.streamq.core.job.CancelVerdict;
import io.streamq.core.store.AdminOutcome;
import io.streamq.core.store.JobControl;
import io.streamq.core.store.QueueAdmin;
import io.streamq.core.store.QueueStatsCache;
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

/**
 * Retry, remove and cancel of single jobs and bulks: audited, published on the owner channel. Retry and remove run
 * one script per job; a cancel takes {@value #CANCEL_BATCH} ids per script call.
 */
@ApplicationScoped
public class JobAdmin {

    /** Ids per cancel call of a bulk: {@link JobControl} runs each as one script call. */
    static final int CANCEL_BATCH = 100;

    public enum Action {
        RETRY("job.retry", "retried"), REMOVE("job.remove", "removed"), CANCEL("job.cancel", "cancelled");

        final String auditName;
        final String verb;

        Action(String auditName, String verb) {
            this.auditName = auditName;
            this.verb = verb;
        }
    }

    private final QueueAdmin admin;
    private final JobControl control;
    private final Audited audited;
    private final OwnerActions actions;
    private final BulkActions bulk;
    private final QueueStatsCache statsCache;

    public JobAdmin(QueueAdmin admin, JobControl control, Audited audited, OwnerActions actions, BulkActions bulk,
                    QueueStatsCache statsCache) {
        this.admin = admin;
        this.control = control;
        this.audited = audited;
        this.actions = actions;
        this.bulk = bulk;
        this.statsCache = statsCache;
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
                () -> actions.actor().chain(actor -> statsCache.after(queue, apply(action, queue, jobId, actor))
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
        BulkWork work = action == Action.CANCEL
                ? BulkWork.inBatches(CANCEL_BATCH, (ids, actor) -> control.cancel(queue, ids, actor, CancelFilter.ANY)
                        .map(verdicts -> verdicts.stream().map(JobAdmin::cancelItem).toList()))
                : BulkWork.perItem((id, actor) -> apply(action, queue, id, actor).map(JobAdmin::item));
        return bulk.run(new BulkAction(action.auditName + ".bulk", q, action.verb, ofQueue), request, work,
                items -> statsCache.invalidate(queue));
    }

    private static BulkItem item(AdminOutcome o) {
        return new BulkItem(o.jobId(), o.done(), o.done() ? null : o.reason());
    }

    /** A cancelled id's reason is the state it left: an active one's worker is being told to stop. */
    private static BulkItem cancelItem(CancelVerdict v) {
        AdminOutcome o = outcome(v);
        return new BulkItem(o.jobId(), o.done(), o.reason());
    }

    private Uni<AdminOutcome> apply(Action action, QueueName queue, String jobId, String actor) {
        return switch (action) {
            case RETRY -> admin.retry(queue, jobId, actor);
            case REMOVE -> admin.remove(queue, jobId, actor);
            case CANCEL -> control.cancel(queue, List.of(jobId), actor, CancelFilter.ANY)
                    .map(verdicts -> outcome(verdicts.getFirst()));
        };
    }

    /**
     * A cancel in the words of the other owner actions: done with the state it left, {@code not-found}, or
     * {@code state:<final state>} for a finished job. No filter is passed here, so nothing is skipped.
     */
    private static AdminOutcome outcome(CancelVerdict v) {
        return switch (v.verdict()) {
            case CANCELLED -> new AdminOutcome(v.jobId(), true, v.state());
            case NOT_FOUND -> new AdminOutcome(v.jobId(), false, AdminOutcome.NOT_FOUND);
            case FINISHED, SKIPPED -> new AdminOutcome(v.jobId(), false, "state:" + v.state());
        };
    }

    private static String refusal(String jobId, Action action, String reason) {
        String state = reason.startsWith("state:") ? reason.substring(6) : reason;
        return switch (action) {
            case RETRY -> "Job " + jobId + " is " + state + "; only failed jobs can be retried.";
            case REMOVE -> "Job " + jobId + " is " + state + "; an active job is left to its worker and cannot be "
                    + "removed.";
            case CANCEL -> "Job " + jobId + " is " + state + "; a finished job cannot be cancelled.";
        };
    }
}
