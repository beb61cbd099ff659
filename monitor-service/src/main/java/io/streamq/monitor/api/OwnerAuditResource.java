package io.streamq.monitor.api;

import io.smallrye.mutiny.Uni;
import io.streamq.security.audit.AuditEntry;
import io.streamq.security.audit.AuditKind;
import io.streamq.security.audit.AuditLog;
import io.streamq.security.audit.AuditOutcome;
import io.streamq.security.audit.AuditQuery;
import io.streamq.security.audit.Page;
import io.streamq.security.auth.Policy;
import io.streamq.security.auth.RequiresPolicy;
import io.streamq.security.error.FieldProblem;
import io.streamq.security.error.InvalidRequestException;
import io.streamq.security.ratelimit.RateLimited;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** GET /owner/audit: the library's audit or data-access log, with its filters, newest first, cursor-paginated. */
@Path("/owner/audit")
@Produces(MediaType.APPLICATION_JSON)
public class OwnerAuditResource {

    private final AuditLog log;

    public OwnerAuditResource(AuditLog log) {
        this.log = log;
    }

    @GET
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<Page<AuditEntry>> query(@QueryParam("kind") @DefaultValue("mutation") String kind,
                                       @QueryParam("actor") String actor, @QueryParam("action") String action,
                                       @QueryParam("queue") String queue, @QueryParam("jobId") String jobId,
                                       @QueryParam("outcome") String outcome, @QueryParam("from") String from,
                                       @QueryParam("to") String to, @QueryParam("cursor") String cursor,
                                       @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        AuditQuery q = AuditQuery.of(parse(AuditKind.class, "kind", kind))
                .actor(actor).action(action).queue(queue).jobId(jobId)
                .outcome(outcome == null ? null : parse(AuditOutcome.class, "outcome", outcome))
                .between(instant("from", from), instant("to", to))
                .page(cursor, limit);
        return log.query(q);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw invalid(field, "unknown value");
        }
    }

    private static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field, "must be an ISO-8601 instant, e.g. 2025-01-31T12:00:00Z");
        }
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("Invalid audit query.", List.of(new FieldProblem(field, message)));
    }
}
