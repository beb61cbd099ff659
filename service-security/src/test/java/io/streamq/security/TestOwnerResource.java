package io.streamq.security;

import io.smallrye.mutiny.Uni;
import io.streamq.security.audit.AuditTarget;
import io.streamq.security.audit.Audited;
import io.streamq.security.auth.Policy;
import io.streamq.security.auth.RequiresPolicy;
import io.streamq.security.confirm.ConfirmGate;
import io.streamq.security.confirm.ConfirmTokens;
import io.streamq.security.ratelimit.RateLimited;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-only endpoints that use the library the way owner endpoints of the services will. */
@Path("/test")
public class TestOwnerResource {

    /** Applied mutations per queue, so tests can see whether a mutation really ran. */
    public static final Map<String, AtomicInteger> PAUSES = new ConcurrentHashMap<>();
    public static final Map<String, AtomicInteger> PURGES = new ConcurrentHashMap<>();

    private final Audited audited;
    private final ConfirmGate gate;

    public TestOwnerResource(Audited audited, ConfirmGate gate) {
        this.audited = audited;
        this.gate = gate;
    }

    @GET
    @Path("/read")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Map<String, Object> read() {
        return Map.of("ok", true);
    }

    @POST
    @Path("/queues/{queue}/pause")
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    public Uni<Map<String, Object>> pause(@PathParam("queue") String queue, @QueryParam("fail") boolean fail) {
        return audited.mutation("queue.pause", AuditTarget.queue(queue), Map.of("reason", "test"), () -> {
            if (fail) {
                return Uni.createFrom().failure(new IllegalStateException("simulated failure"));
            }
            int n = PAUSES.computeIfAbsent(queue, q -> new AtomicInteger()).incrementAndGet();
            return Uni.createFrom().item(Map.<String, Object>of("queue", queue, "paused", n));
        });
    }

    @DELETE
    @Path("/queues/{queue}/jobs")
    @RequiresPolicy(Policy.DELETE)
    @RateLimited(group = "mutations")
    public Uni<Response> purge(@PathParam("queue") String queue, @QueryParam("state") String state,
                               @HeaderParam(ConfirmTokens.HEADER) String token) {
        Map<String, Object> params = Map.of("queue", queue, "state", state == null ? "all" : state);
        return gate.confirm(token, "queue.purge", params,
                () -> Uni.createFrom().item(Map.<String, Object>of("queue", queue, "jobs", 42)),
                () -> audited.mutation("queue.purge", new AuditTarget(queue, List.of(), Map.of("state",
                                (String) params.get("state"))), params,
                        () -> Uni.createFrom().item(PURGES.computeIfAbsent(queue, q -> new AtomicInteger())
                                .incrementAndGet()))
                        .map(n -> Response.ok(Map.of("purged", 42)).build()));
    }

    @GET
    @Path("/jobs/{id}/payload")
    @RequiresPolicy(Policy.READ)
    public Uni<Map<String, Object>> payload(@PathParam("id") String id) {
        return audited.access("job.payload.read", AuditTarget.jobs("email", List.of(id)), Map.of(),
                () -> Uni.createFrom().item(Map.<String, Object>of("id", id, "payload", Map.of("to", "x@example.com"))));
    }

    @POST
    @Path("/limited")
    @RateLimited(group = "tight")
    @RequiresPolicy(Policy.READ)
    public Map<String, Object> limited() {
        return Map.of("ok", true);
    }

    @GET
    @Path("/by-ip")
    @RateLimited(group = "by-ip")
    public Map<String, Object> byIp() {
        return Map.of("ok", true);
    }

    public record Item(@NotBlank String name, @Min(1) int count) {
    }

    public record Order(@NotBlank String customer, List<@Valid Item> items) {
    }

    @POST
    @Path("/validate")
    public Map<String, Object> validate(@Valid Order order, @QueryParam("limit") @Max(10) Integer limit) {
        return Map.of("ok", true);
    }

    @GET
    @Path("/overloaded")
    public Uni<String> overloaded() {
        return Uni.createFrom().failure(new java.util.concurrent.CompletionException(
                new io.vertx.core.http.ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 256")));
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("secret internal detail");
    }
}
