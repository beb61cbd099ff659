package io.streamq.security.audit;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.streamq.security.auth.Identities;
import io.streamq.security.error.ProblemException;
import io.streamq.security.error.RedisOutages;
import io.streamq.security.error.RedisUnavailable;
import io.streamq.security.error.RequestIds;
import io.streamq.security.net.ClientIps;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs mutations and sensitive reads with their audit records, failing closed.
 *
 * <ul>
 * <li>{@link #mutation}: writes ATTEMPT first; if that fails the mutation does not run (503, "nothing was changed").
 * Then runs it and writes SUCCESS or ERROR; if that write fails the answer is 503 saying the action may have been
 * applied, and the ATTEMPT entry already names it. So no mutation ever happens without a record.</li>
 * <li>{@link #access}: runs the read, then writes the data-access entry before the data leaves; no record, no
 * data (503).</li>
 * </ul>
 */
@ApplicationScoped
public class Audited {

    private static final Logger LOG = Logger.getLogger(Audited.class);

    private final AuditLog log;
    private final Identities identities;
    private final ClientIps clientIps;
    private final CurrentVertxRequest request;
    private final RedisOutages outages;

    public Audited(AuditLog log, Identities identities, ClientIps clientIps, CurrentVertxRequest request,
                   RedisOutages outages) {
        this.log = log;
        this.identities = identities;
        this.clientIps = clientIps;
        this.request = request;
        this.outages = outages;
    }

    public <T> Uni<T> mutation(String action, AuditTarget target, Map<String, Object> params,
                               Supplier<Uni<T>> mutation) {
        return facts().chain(facts -> {
            AuditEntry attempt = entry(AuditKind.MUTATION, facts, action, target, params);
            return log.record(attempt)
                    .onFailure().transform(e -> unavailable(e, action,
                            "The audit log cannot be written, so the action was not performed. Nothing was changed."))
                    .chain(attemptId -> Uni.createFrom().<T>deferred(mutation::get)
                            .onItemOrFailure().transformToUni((result, failure) -> {
                                AuditEntry outcome = failure == null
                                        ? attempt.withOutcome(attemptId, AuditOutcome.SUCCESS, null)
                                        : attempt.withOutcome(attemptId, AuditOutcome.ERROR, describe(failure));
                                return log.record(outcome)
                                        .onFailure().transform(e -> unavailable(e, action,
                                                "The action was attempted but its outcome could not be written to "
                                                        + "the audit log; it may have been applied. Check before "
                                                        + "retrying."))
                                        .chain(id -> failure == null ? Uni.createFrom().item(result)
                                                : Uni.createFrom().failure(failure));
                            }));
        });
    }

    public <T> Uni<T> access(String action, AuditTarget target, Map<String, Object> params, Supplier<Uni<T>> read) {
        return facts().chain(facts -> {
            AuditEntry entry = entry(AuditKind.DATA_ACCESS, facts, action, target, params);
            return Uni.createFrom().<T>deferred(read::get)
                    .onItemOrFailure().transformToUni((result, failure) -> log.record(failure == null
                                    ? entry.withOutcome(null, AuditOutcome.SUCCESS, null)
                                    : entry.withOutcome(null, AuditOutcome.ERROR, describe(failure)))
                            .onFailure().transform(e -> unavailable(e, action,
                                    "The data-access log cannot be written, so the data is not returned."))
                            .chain(id -> failure == null ? Uni.createFrom().item(result)
                                    : Uni.createFrom().failure(failure)));
        });
    }

    /** Facts of the current HTTP request; outside one (a job, a test) the actor is "system". */
    private Uni<RequestFacts> facts() {
        RoutingContext ctx = request.getCurrent();
        if (ctx == null) {
            return Uni.createFrom().item(new RequestFacts("system", null, null));
        }
        String ip = clientIps.of(ctx.request());
        String requestId = RequestIds.of(ctx);
        return identities.current().map(identity -> new RequestFacts(Identities.actor(identity), ip, requestId));
    }

    private static AuditEntry entry(AuditKind kind, RequestFacts facts, String action, AuditTarget target,
                                    Map<String, Object> params) {
        return new AuditEntry(null, null, kind, facts.actor(), action, target, params, AuditOutcome.ATTEMPT, null,
                facts.clientIp(), facts.requestId(), null);
    }

    private AuditUnavailableException unavailable(Throwable cause, String action, String detail) {
        // Redis being down is one WARN per outage, not an ERROR per request.
        if (RedisUnavailable.causedBy(cause)) {
            outages.failed(cause);
        } else {
            LOG.errorf(cause, "Audit write failed for %s", action);
        }
        return new AuditUnavailableException(detail, cause);
    }

    /** Decided problems keep their client-facing detail; anything else only its type, never a message or stack. */
    private static String describe(Throwable failure) {
        if (failure instanceof ProblemException p) {
            return p.status() + " " + p.getMessage();
        }
        return failure.getClass().getSimpleName();
    }
}
