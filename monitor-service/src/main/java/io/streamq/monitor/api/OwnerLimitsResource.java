package io.streamq.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.limits.OwnerLimits;
import io.streamq.core.limits.StoredLimits;
import io.streamq.core.store.QueueStatsCache;
import io.streamq.monitor.limits.QueueLimitsService;
import io.streamq.monitor.limits.QueueLimitsView;
import io.streamq.security.audit.AuditTarget;
import io.streamq.security.audit.Audited;
import io.streamq.security.auth.Policy;
import io.streamq.security.auth.RequiresPolicy;
import io.streamq.security.owner.OwnerActions;
import io.streamq.security.ratelimit.RateLimited;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** A queue's start limits, rate and max active, read and changed at run time (docs/api-monitor.md). */
@Path("/owner/queues/{queueName}/limits")
@Produces(MediaType.APPLICATION_JSON)
public class OwnerLimitsResource {

    private final QueueLimitsService limits;
    private final Audited audited;
    private final OwnerActions actions;
    private final QueueStatsCache statsCache;

    public OwnerLimitsResource(QueueLimitsService limits, Audited audited, OwnerActions actions,
                               QueueStatsCache statsCache) {
        this.limits = limits;
        this.audited = audited;
        this.actions = actions;
        this.statsCache = statsCache;
    }

    @GET
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<QueueLimitsView> get(@PathParam("queueName") String queueName) {
        return limits.view(QueuePaths.resolve(queueName));
    }

    /**
     * Replaces the owner's overrides: a field given (a limit, or null for none) overrides the config; a field left
     * out follows the config's default. Workers apply it from their next claim.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    public Uni<QueueLimitsView> put(@PathParam("queueName") String queueName, JsonNode body) {
        QueueName queue = QueuePaths.resolve(queueName);
        OwnerLimits owner = LimitsRequest.read(body);
        Map<String, Object> params = Map.of("rateLimit", described(StoredLimits.rate(owner.rateLimit())),
                "maxActive", described(StoredLimits.maxActive(owner.maxActive())));
        return audited.mutation("queue.limits", AuditTarget.queue(queue.wireName()), params,
                () -> actions.actor().chain(actor -> statsCache.after(queue, limits.replace(queue, owner))
                        .call(view -> actions.publish("queue.limits", queue.wireName(), List.of(), actor, params))));
    }

    /** The stored form, with "config" for a limit that follows the config ("none" is no limit, else the value). */
    private static String described(String stored) {
        return stored.isEmpty() ? "config" : stored;
    }
}
