package io.streamq.monitor.api;

import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueAlerts;
import io.streamq.core.store.QueueReader;
import io.streamq.core.store.QueueStatsCache;
import io.streamq.monitor.admin.QueuePurge;
import io.streamq.monitor.alert.AlertHistory;
import io.streamq.monitor.health.QueueHealth;
import io.streamq.monitor.metrics.QueueMetrics;
import io.streamq.monitor.metrics.QueueThroughput;
import io.streamq.monitor.service.MonitorService;
import io.streamq.monitor.service.QueueReport;
import io.streamq.monitor.workers.WorkerDirectory;
import io.streamq.monitor.workers.WorkerProcesses;
import io.streamq.security.audit.AuditTarget;
import io.streamq.security.audit.Audited;
import io.streamq.security.auth.Policy;
import io.streamq.security.auth.RequiresPolicy;
import io.streamq.security.confirm.ConfirmGate;
import io.streamq.security.confirm.ConfirmTokens;
import io.streamq.security.owner.OwnerActions;
import io.streamq.security.ratelimit.RateLimited;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Queue summaries, metrics, health, workers, history; pause, resume, purge (docs/api-monitor.md). */
@Path("/owner/queues")
@Produces(MediaType.APPLICATION_JSON)
public class OwnerQueuesResource {

    private final MonitorService monitor;
    private final QueueReader reader;
    private final JobStore jobs;
    private final QueuePurge purge;
    private final Audited audited;
    private final ConfirmGate gate;
    private final OwnerActions actions;
    private final QueueStatsCache statsCache;
    private final AlertHistory history;

    public OwnerQueuesResource(MonitorService monitor, QueueReader reader, JobStore jobs, QueuePurge purge,
                               Audited audited, ConfirmGate gate, OwnerActions actions, QueueStatsCache statsCache,
                               AlertHistory history) {
        this.monitor = monitor;
        this.reader = reader;
        this.jobs = jobs;
        this.purge = purge;
        this.audited = audited;
        this.gate = gate;
        this.actions = actions;
        this.statsCache = statsCache;
        this.history = history;
    }

    @GET
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<List<QueueSummary>> summary() {
        return monitor.reports().map(all -> all.stream().map(QueueSummary::of).toList());
    }

    @GET
    @Path("/stats")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<List<QueueStats>> stats() {
        return monitor.reports().map(all -> all.stream().map(r -> new QueueStats(r.metrics().queue(),
                r.metrics().counts(), r.metrics().paused(), r.metrics().asOf())).toList());
    }

    @GET
    @Path("/metrics")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<List<QueueMetrics>> metrics() {
        return monitor.reports().map(all -> all.stream().map(QueueReport::metrics).toList());
    }

    @GET
    @Path("/health")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<List<QueueHealth>> health() {
        return monitor.reports().map(all -> all.stream().map(QueueReport::health).toList());
    }

    /** Published alerts of every queue, newest first (a capped history per queue). */
    @GET
    @Path("/alerts")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<Map<String, Object>> alerts(@QueryParam("limit") @DefaultValue("50") @Min(1)
                                           @Max(QueueAlerts.HISTORY_LENGTH) int limit) {
        long asOf = System.currentTimeMillis();
        return history.newest(limit).map(alerts -> Map.of("asOf", asOf, "limit", limit, "alerts", alerts));
    }

    /** The worker processes: how many are alive (each once, whatever it serves) and what each does per queue. */
    @GET
    @Path("/workers")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<WorkerProcesses> workerProcesses() {
        return monitor.processes();
    }

    @GET
    @Path("/{queueName}/metrics")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<QueueReport> queueMetrics(@PathParam("queueName") String queueName) {
        return monitor.report(QueuePaths.resolve(queueName));
    }

    @GET
    @Path("/{queueName}/throughput")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<QueueThroughput> throughput(@PathParam("queueName") String queueName,
                                           @QueryParam("minutes") @DefaultValue("60") @Min(1)
                                           @Max(QueueThroughput.MAX_MINUTES) int minutes) {
        return monitor.throughput(QueuePaths.resolve(queueName), minutes);
    }

    @GET
    @Path("/{queueName}/workers")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<Map<String, Object>> workers(@PathParam("queueName") String queueName) {
        QueueName queue = QueuePaths.resolve(queueName);
        return monitor.workers(queue).map(list -> Map.of("queue", queue.wireName(),
                "asOf", System.currentTimeMillis(), "summary", WorkerDirectory.summary(list), "workers", list));
    }

    @GET
    @Path("/{queueName}/processing-times")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<Map<String, Object>> processingTimes(@PathParam("queueName") String queueName,
                                                    @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000)
                                                    int limit) {
        QueueName queue = QueuePaths.resolve(queueName);
        return reader.processingTimes(queue, limit).map(times -> Map.of("queue", queue.wireName(),
                "asOf", System.currentTimeMillis(), "limit", limit, "order", "newest-first",
                "processingTimesMs", times));
    }

    @GET
    @Path("/{queueName}/failure-reasons")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<Map<String, Object>> failureReasons(@PathParam("queueName") String queueName,
                                                   @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200)
                                                   int limit) {
        QueueName queue = QueuePaths.resolve(queueName);
        return reader.failureReasons(queue, limit).map(reasons -> Map.<String, Object>of("queue", queue.wireName(),
                "asOf", System.currentTimeMillis(), "limit", limit, "order", "last-seen-newest-first",
                "reasons", reasons));
    }

    @POST
    @Path("/{queueName}/pause")
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    public Uni<PauseResult> pause(@PathParam("queueName") String queueName) {
        return setPaused(QueuePaths.resolve(queueName), true);
    }

    @POST
    @Path("/{queueName}/resume")
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    public Uni<PauseResult> resume(@PathParam("queueName") String queueName) {
        return setPaused(QueuePaths.resolve(queueName), false);
    }

    private Uni<PauseResult> setPaused(QueueName queue, boolean paused) {
        String action = paused ? "queue.pause" : "queue.resume";
        return audited.mutation(action, AuditTarget.queue(queue.wireName()), Map.of(),
                () -> actions.actor().chain(actor -> statsCache.after(queue, jobs.setPaused(queue, paused, actor))
                        .call(changed -> actions.publish(action, queue.wireName(), List.of(), actor,
                                Map.of("paused", paused, "changed", changed)))
                        .map(changed -> new PauseResult(queue.wireName(), paused, changed))));
    }

    /**
     * Double confirm: without {@code X-Confirm-Token} answers 202 with what would go and a token; with it, purges.
     */
    @POST
    @Path("/purge")
    @RequiresPolicy(Policy.DELETE)
    @RateLimited(group = "mutations")
    public Uni<Response> purge(@Valid @NotNull PurgeRequest body, @HeaderParam(ConfirmTokens.HEADER) String token) {
        QueueName queue = QueuePaths.resolve(body.queue());
        Map<String, Object> params = Map.of("queue", queue.wireName());
        return gate.confirm(token, "queue.purge", params, () -> purge.summary(queue),
                () -> audited.mutation("queue.purge", AuditTarget.queue(queue.wireName()), params,
                                () -> actions.actor().chain(actor -> statsCache.after(queue, purge.purge(queue, actor))
                                        .call(result -> actions.publish("queue.purge", queue.wireName(), List.of(),
                                                actor, Map.of("deleted", result.total(), "activeLeft",
                                                        result.activeLeft())))))
                        .map(result -> Response.ok(result).build()));
    }
}
