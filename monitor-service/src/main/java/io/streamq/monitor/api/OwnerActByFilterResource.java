package io.streamq.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.store.QueueStatsCache;
import io.streamq.monitor.admin.ActByFilter;
import io.streamq.monitor.admin.JobFilter;
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

/**
 * Retry or remove every job of a state (and search) of a queue, behind a double confirm: the console's "select all
 * N matching" (docs/api-monitor.md).
 */
@Path("/owner/queues/{queueName}/jobs/by-filter")
@Produces(MediaType.APPLICATION_JSON)
public class OwnerActByFilterResource {

    private final ActByFilter byFilter;
    private final Audited audited;
    private final ConfirmGate gate;
    private final OwnerActions actions;
    private final QueueStatsCache statsCache;

    public OwnerActByFilterResource(ActByFilter byFilter, Audited audited, ConfirmGate gate, OwnerActions actions,
                                    QueueStatsCache statsCache) {
        this.byFilter = byFilter;
        this.audited = audited;
        this.gate = gate;
        this.actions = actions;
        this.statsCache = statsCache;
    }

    /** Without {@code X-Confirm-Token} answers 202 with the matching count and a token; with it, retries them. */
    @POST
    @Path("/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = JobFilterRequest.class)))
    public Uni<Response> retry(@PathParam("queueName") String queueName, JsonNode body,
                               @HeaderParam(ConfirmTokens.HEADER) String token) {
        return act(queueName, body, token, ActByFilter.Action.RETRY);
    }

    /** As {@link #retry}, removing them (any state but active). */
    @POST
    @Path("/remove")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPolicy(Policy.DELETE)
    @RateLimited(group = "mutations")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = JobFilterRequest.class)))
    public Uni<Response> remove(@PathParam("queueName") String queueName, JsonNode body,
                                @HeaderParam(ConfirmTokens.HEADER) String token) {
        return act(queueName, body, token, ActByFilter.Action.REMOVE);
    }

    private Uni<Response> act(String queueName, JsonNode body, String token, ActByFilter.Action action) {
        QueueName queue = QueuePaths.resolve(queueName);
        JobFilter filter = JobFilterRequest.read(body, action);
        Map<String, String> filters = new HashMap<>();
        filters.put("state", filter.state().wireName());
        if (filter.search() != null) {
            filters.put("search", filter.search());
        }
        Map<String, Object> params = new HashMap<>(filters);
        params.put("queue", queue.wireName());
        return gate.confirm(token, action.auditName, params, () -> byFilter.proposal(queue, filter),
                () -> audited.mutation(action.auditName, new AuditTarget(queue.wireName(), null, filters), Map.of(),
                                () -> actions.actor().chain(actor -> statsCache.after(queue,
                                                byFilter.apply(queue, filter, action, actor))
                                        .call(result -> actions.publish(action.auditName, queue.wireName(),
                                                result.firstDone(), actor, Map.of(action.verb, result.done(),
                                                        "refused", result.refused(), "errors", result.errors(),
                                                        "limited", result.limited())))))
                        .map(result -> Response.ok(result).build()));
    }
}
