package io.streamq.dlq.admin;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.streamq.core.store.DlqTask;
import io.streamq.security.audit.AuditEntry;
import io.streamq.security.audit.AuditKind;
import io.streamq.security.audit.AuditLog;
import io.streamq.security.audit.AuditOutcome;
import io.streamq.security.audit.AuditTarget;
import io.streamq.security.audit.AuditUnavailableException;
import io.streamq.security.audit.RequestFacts;
import io.streamq.security.error.RequestIds;
import io.streamq.security.net.ClientIps;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audit records of a clear, which outlives its request. {@code Audited.mutation} writes the outcome when the
 * request's own work ends, with the request's parameters; a clear ends later, on a task, and its outcome has to say
 * how many entries went. So the ATTEMPT is written here before the task starts (failing closed, like
 * {@code Audited}: no record, no clear), and the task writes the SUCCESS or ERROR outcome with the counts and the
 * attempt's id when it ends, on whichever replica ends it.
 */
@ApplicationScoped
public class ClearAudit {

    static final String ACTION = "dlq.clear";
    private static final Logger LOG = Logger.getLogger(ClearAudit.class);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int OUTCOME_TRIES = 3;

    private final AuditLog log;
    private final ClientIps clientIps;
    private final CurrentVertxRequest request;

    public ClearAudit(AuditLog log, ClientIps clientIps, CurrentVertxRequest request) {
        this.log = log;
        this.clientIps = clientIps;
        this.request = request;
    }

    /** Who asks and from where; call it on the request's thread (the clear itself continues elsewhere). */
    public RequestFacts facts(String actor) {
        RoutingContext ctx = request.getCurrent();
        return new RequestFacts(actor, ctx == null ? null : clientIps.of(ctx.request()), RequestIds.of(ctx));
    }

    /**
     * Writes the ATTEMPT of a clear about to start, with the facts the task carries, and answers the task with the
     * attempt's id.
     *
     * @throws AuditUnavailableException when it cannot be written; the clear must not start
     */
    DlqTask attempt(DlqTask task) {
        AuditEntry entry = entry(task, AuditOutcome.ATTEMPT, null, task.clientIp(), task.requestId(), null);
        try {
            return task.withAudit(log.record(entry).await().atMost(WAIT), task.clientIp(), task.requestId());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Audit write failed for %s", ACTION);
            throw new AuditUnavailableException(
                    "The audit log cannot be written, so the action was not performed. Nothing was changed.", e);
        }
    }

    /** Writes the outcome of a task that just ended; retried a little, then logged (the ATTEMPT names the clear). */
    void outcome(DlqTask task) {
        AuditOutcome outcome = DlqTask.SUCCEEDED.equals(task.state()) ? AuditOutcome.SUCCESS : AuditOutcome.ERROR;
        String error = outcome == AuditOutcome.SUCCESS ? null : task.state() + ": " + task.error();
        AuditEntry entry = entry(task, outcome, error, task.clientIp(), task.requestId(), task.attemptId());
        for (int attempt = 1; attempt <= OUTCOME_TRIES; attempt++) {
            try {
                log.record(entry).await().atMost(WAIT);
                return;
            } catch (RuntimeException e) {
                if (attempt == OUTCOME_TRIES) {
                    LOG.errorf(e, "Audit outcome of clear task %s (%s, %d of %d removed) could not be written",
                            task.id(), task.state(), task.removed(), task.target());
                    return;
                }
                sleep(Duration.ofSeconds(attempt));
            }
        }
    }

    private static AuditEntry entry(DlqTask task, AuditOutcome outcome, String error, String ip, String requestId,
                                    String attemptId) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("originalQueue", task.originalQueue() == null ? "*" : task.originalQueue());
        params.put("minReplayCount", task.minReplayCount() == null ? 0 : task.minReplayCount());
        params.put("taskId", task.id());
        params.put("cutoff", task.cutoff());
        params.put("target", task.target());
        if (outcome != AuditOutcome.ATTEMPT) {
            params.put("removed", task.removed());
            params.put("state", task.state());
        }
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("originalQueue", params.get("originalQueue").toString());
        filters.put("minReplayCount", params.get("minReplayCount").toString());
        return new AuditEntry(null, null, AuditKind.MUTATION, task.actor(), ACTION,
                new AuditTarget(task.originalQueue(), null, filters), params, outcome, error, ip, requestId,
                attemptId);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
