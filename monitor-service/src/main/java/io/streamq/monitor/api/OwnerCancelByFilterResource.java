package io.streamq.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.CancelFilter;
import io.streamq.core.store.QueueStatsCache;
import io.streamq.monitor.admin.CancelByFilter;
import io.streamq.security.audit.AuditTarget;
import io.streamq.security.audit.Audited;
import io.streamq.security.auth.Policy;
import io.streamq.security.auth.RequiresPolicy;
import io.streamq.security.confirm.ConfirmGate;
import io.streamq.security.confirm.ConfirmTokens;
import io.streamq.security.owner.OwnerActions;
import io.streamq.security.ratelimit.RateLimited;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import java.util.HashMap;
import java.util.Map;

/** Cancel a queue's unfinished jobs of a job type and/or tenant, behind a double confirm (docs/api-monitor.md). */
@Path("/owner/queues/{queueName}/jobs/cancel-by-filter")
@Produces(MediaType.APPLICATION_JSON)
public class OwnerCancelByFilterResource {

    static final String ACTION = "job.cancel.filter";

    private final CancelByFilter byFilter;
    private final Audited audited;
    private final ConfirmGate gate;
    private final OwnerActions actions;
    private final QueueStatsCache statsCache;

    public OwnerCancelByFilterResource(CancelByFilter byFilter, Audited audited, ConfirmGate gate,
                                       OwnerActions actions, QueueStatsCache statsCache) {
        this.byFilter = byFilter;
        this.audited = audited;
        this.gate = gate;
        this.actions = actions;
        this.statsCache = statsCache;
    }

    /**
     * Without {@code X-Confirm-Token} answers 202 with the matching jobs and a token bound to this queue and filter;
     * with it, cancels them.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CancelFilterRequest.class)))
    public Uni<Response> cancel(@PathParam("queueName") String queueName, JsonNode body,
                                @HeaderParam(ConfirmTokens.HEADER) String token) {
        QueueName queue = QueuePaths.resolve(queueName);
        CancelFilter filter = CancelFilterRequest.read(body, queue);
        Map<String, String> filters = new HashMap<>();
        if (filter.jobName() != null) {
            filters.put("jobName", filter.jobName());
        }
        if (filter.tenant() != null) {
            filters.put("tenant", filter.tenant());
        }
        Map<String, Object> params = new HashMap<>(filters);
        params.put("queue", queue.wireName());
        return gate.confirm(token, ACTION, params, () -> byFilter.proposal(queue, filter),
                () -> audited.mutation(ACTION, new AuditTarget(queue.wireName(), null, filters), Map.of(),
                                () -> actions.actor().chain(actor -> statsCache.after(queue,
                                                byFilter.cancel(queue, filter, actor))
                                        .call(result -> actions.publish(ACTION, queue.wireName(),
                                                result.firstCancelled(), actor, Map.of("cancelled", result.cancelled(),
                                                        "limited", result.limited())))))
                        .map(result -> Response.ok(result).build()));
    }
}
