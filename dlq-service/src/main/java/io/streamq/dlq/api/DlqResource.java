package io.streamq.dlq.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;
import io.streamq.core.job.JobIds;
import io.streamq.core.store.DlqEntry;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.QueueStatsCache;
import io.streamq.core.store.DlqTask;
import io.streamq.dlq.admin.ClearAudit;
import io.streamq.dlq.admin.ClearTasks;
import io.streamq.dlq.admin.DlqBulk;
import io.streamq.dlq.admin.DlqClear;
import io.streamq.dlq.analytics.DlqAnalytics;
import io.streamq.dlq.analytics.DlqAnalyticsView;
import io.streamq.dlq.analytics.DlqTrendsView;
import io.streamq.dlq.config.DlqConfig;
import io.streamq.dlq.export.DlqCsvExport;
import io.streamq.dlq.query.DlqFilter;
import io.streamq.dlq.query.DlqPage;
import io.streamq.dlq.query.DlqSearch;
import io.streamq.dlq.replay.DlqReplayer;
import io.streamq.dlq.replay.ReplayOutcome;
import io.streamq.security.audit.AuditTarget;
import io.streamq.security.audit.Audited;
import io.streamq.security.audit.RequestFacts;
import io.streamq.security.auth.Identities;
import io.streamq.security.auth.Policy;
import io.streamq.security.auth.RequiresPolicy;
import io.streamq.security.bulk.BulkResult;
import io.streamq.security.bulk.IdsRequest;
import io.streamq.security.confirm.ConfirmGate;
import io.streamq.security.confirm.ConfirmTokens;
import io.streamq.security.ratelimit.RateLimited;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * The owner DLQ API (docs/dlq.md#api). Both path families, {@code /owner/dlq/...} and
 * {@code /owner/queues/dlq/...}, are the same methods: the first segment is a template that matches either.
 * Endpoints run on virtual threads because listing, replay and export make several dependent Redis calls; every
 * mutation goes through {@link Audited#mutation}, payload reads and exports through {@link Audited#access}.
 */
@Path("/owner")
@Produces(MediaType.APPLICATION_JSON)
public class DlqResource {

    static final String BASE = "{family: dlq|queues/dlq}";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Blocking steps inside reactive chains (audit, confirm) continue on a virtual thread, not the event loop. */
    private static final Executor VIRTUAL = task -> Thread.ofVirtual().name("dlq-api").start(task);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final DlqSearch search;
    private final DlqStore store;
    private final DlqReplayer replayer;
    private final DlqAnalytics analytics;
    private final DlqCsvExport export;
    private final DlqBulk bulk;
    private final DlqClear clear;
    private final ClearTasks clearTasks;
    private final ClearAudit clearAudit;
    private final DlqConfig config;
    private final Audited audited;
    private final ConfirmGate gate;
    private final Identities identities;
    private final ObjectMapper json;
    private final QueueStatsCache statsCache;

    public DlqResource(DlqSearch search, DlqStore store, DlqReplayer replayer, DlqAnalytics analytics,
                       DlqCsvExport export, DlqBulk bulk, DlqClear clear, ClearTasks clearTasks, ClearAudit clearAudit,
                       DlqConfig config, Audited audited, ConfirmGate gate, Identities identities, ObjectMapper json,
                       QueueStatsCache statsCache) {
        this.search = search;
        this.store = store;
        this.replayer = replayer;
        this.analytics = analytics;
        this.export = export;
        this.bulk = bulk;
        this.clear = clear;
        this.clearTasks = clearTasks;
        this.clearAudit = clearAudit;
        this.config = config;
        this.audited = audited;
        this.gate = gate;
        this.identities = identities;
        this.json = json;
        this.statsCache = statsCache;
    }

    @GET
    @Path(BASE)
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    @RunOnVirtualThread
    public DlqPage list(@QueryParam("search") String text, @QueryParam("originalQueue") String originalQueue,
                        @QueryParam("jobName") String jobName, @QueryParam("errorCode") String errorCode,
                        @QueryParam("minReplayCount") @Min(0) Integer minReplayCount,
                        @QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("page") @DefaultValue("1") @Min(1) @Max(1_000_000) int page,
                        @QueryParam("pageSize") @DefaultValue("20") @Min(1) @Max(200) int pageSize) {
        DlqFilter filter = filter(text, originalQueue, jobName, errorCode, minReplayCount, from, to);
        return search.page(filter, page, pageSize);
    }

    @GET
    @Path(BASE + "/analytics")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    @RunOnVirtualThread
    public DlqAnalyticsView analytics(@QueryParam("queueName") String queueName) {
        return analytics.analytics(Params.queue("queueName", queueName));
    }

    @GET
    @Path(BASE + "/trends")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    @RunOnVirtualThread
    public DlqTrendsView trends(@QueryParam("hours") @DefaultValue("24") @Min(1) @Max(48) int hours,
                                @QueryParam("queueName") String queueName) {
        return analytics.trends(hours, Params.queue("queueName", queueName));
    }

    @GET
    @Path(BASE + "/export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "exports")
    @RunOnVirtualThread
    public Response export(@QueryParam("search") String text, @QueryParam("originalQueue") String originalQueue,
                           @QueryParam("jobName") String jobName, @QueryParam("errorCode") String errorCode,
                           @QueryParam("minReplayCount") @Min(0) Integer minReplayCount,
                           @QueryParam("from") String from, @QueryParam("to") String to) {
        DlqFilter filter = filter(text, originalQueue, jobName, errorCode, minReplayCount, from, to);
        // The data-access record is written before a byte of the export leaves; no record, no export (503).
        audited.access("dlq.export", new AuditTarget(filter.originalQueue(), List.of(), filter.asMap()),
                Map.of("format", "csv"), () -> Uni.createFrom().item(Boolean.TRUE)).await().atMost(WAIT);
        String file = "dlq-export-" + FILE_TIME.format(Instant.now()) + ".csv";
        StreamingOutput body = out -> export.write(filter, out);
        return Response.ok(body, "text/csv; charset=utf-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @GET
    @Path(BASE + "/{id}")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    @RunOnVirtualThread
    public DlqEntryView get(@PathParam("id") String id) {
        DlqEntry e = store.find(id).await().atMost(WAIT).orElseThrow(() -> DlqProblems.notFound(id));
        DlqEntryView view = new DlqEntryView(e.id(), e.originalQueue(), e.originalJobId(), e.originalJobName(),
                new DlqEntryView.ErrorView(e.errorName(), e.errorMessage(), e.errorStack(), e.errorCode()),
                e.firstFailedAt(), e.lastFailedAt(), e.attemptsMade(), e.isReplayed(), e.replayCount(),
                e.lastReplayedAt(), e.replaySucceededAt(), tree(e.payload()), e.workspaceId(), e.tenantId(),
                e.actorId(), tree(e.history()));
        return audited.access("dlq.entry.read", AuditTarget.jobs(e.originalQueue(), List.of(id)), Map.of(),
                () -> Uni.createFrom().item(view)).await().atMost(WAIT);
    }

    @POST
    @Path(BASE + "/{id}/replay")
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    @RunOnVirtualThread
    public ReplayResult replay(@PathParam("id") String id) {
        String actor = actor();
        return audited.mutation("dlq.replay", AuditTarget.jobs(queueOf(id), List.of(id)), Map.of(),
                () -> Uni.createFrom().item(() -> {
                    ReplayOutcome outcome = replayer.replay(id, actor);
                    if (outcome instanceof ReplayOutcome.Replayed r) {
                        return new ReplayResult(id, queueOf(id), true, r.replayCount());
                    }
                    throw DlqProblems.refused(id, outcome);
                }).runSubscriptionOn(VIRTUAL)).await().atMost(WAIT);
    }

    @POST
    @Path(BASE + "/{id}/delete")
    @RequiresPolicy(Policy.DELETE)
    @RateLimited(group = "mutations")
    @RunOnVirtualThread
    public Map<String, Object> delete(@PathParam("id") String id) {
        String actor = actor();
        return audited.mutation("dlq.delete", AuditTarget.jobs(queueOf(id), List.of(id)), Map.of(),
                () -> store.delete(List.of(id), actor).chain(deleted -> {
                    if (!deleted.getFirst()) {
                        throw DlqProblems.notFound(id);
                    }
                    // Its queue's DLQ count changed: the next read of the queue's report must say so.
                    return statsCache.invalidate(JobIds.queueOf(id).stream().toList())
                            .replaceWith(Map.<String, Object>of("id", id, "deleted", true));
                })).await().atMost(WAIT);
    }

    @POST
    @Path(BASE + "/bulk-replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    @RunOnVirtualThread
    public BulkResult bulkReplay(@NotNull IdsRequest request) {
        return bulk.replay(request).await().atMost(WAIT);
    }

    @POST
    @Path(BASE + "/bulk-delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPolicy(Policy.DELETE)
    @RateLimited(group = "mutations")
    @RunOnVirtualThread
    public BulkResult bulkDelete(@NotNull IdsRequest request) {
        return bulk.delete(request).await().atMost(WAIT);
    }

    /**
     * Clear (docs/dlq.md#clear), confirm-token flow. The confirmed call starts a background task (its audit ATTEMPT is
     * written first) that removes the selected entries that last failed up to when the first call showed their count,
     * and waits up to {@code clear.inline-wait} for it: finished → 200 with {@code affected}; still running → 202
     * with the task and {@code Location} of GET .../clear/{taskId}. The task writes the audit outcome when it ends.
     */
    @POST
    @Path(BASE + "/clear")
    @RequiresPolicy(Policy.DELETE)
    @RateLimited(group = "mutations")
    @RunOnVirtualThread
    public Response clear(@Valid ClearRequest body, @HeaderParam(ConfirmTokens.HEADER) String token,
                          @PathParam("family") String family) {
        String queue = body == null ? null : Params.queue("originalQueue", body.originalQueue());
        Integer minReplayCount = body == null || body.minReplayCount() == null || body.minReplayCount() <= 0 ? null
                : body.minReplayCount();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("originalQueue", queue == null ? "*" : queue);
        params.put("minReplayCount", minReplayCount == null ? 0 : minReplayCount);
        RequestFacts asker = clearAudit.facts(actor());
        return gate.confirm(token, "dlq.clear", params,
                () -> Uni.createFrom().item(() -> {
                    Map<String, Object> summary = new LinkedHashMap<>(params);
                    summary.put("entries", clear.count(queue, minReplayCount));
                    return summary;
                }).runSubscriptionOn(VIRTUAL),
                summarizedAt -> Uni.createFrom().item(() -> cleared(clearTasks.start(queue, minReplayCount,
                                summarizedAt, asker, config.clear().inlineWait()), params, family))
                        .runSubscriptionOn(VIRTUAL))
                .await().atMost(WAIT);
    }

    private static Response cleared(DlqTask task, Map<String, Object> params, String family) {
        ClearTaskView view = ClearTaskView.of(task);
        if (task.running()) {
            return Response.accepted(new ClearResult(null, params, view))
                    .location(URI.create("/owner/" + family + "/clear/" + task.id())).build();
        }
        if (!DlqTask.SUCCEEDED.equals(task.state())) {
            throw DlqProblems.clearFailed(task);
        }
        return Response.ok(new ClearResult(task.removed(), params, view)).build();
    }

    @GET
    @Path(BASE + "/clear/{taskId}")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    @RunOnVirtualThread
    public ClearTaskView clearTask(@PathParam("taskId") String taskId) {
        try {
            UUID.fromString(taskId);
        } catch (IllegalArgumentException e) {
            throw DlqProblems.invalid("taskId", "must be the taskId a clear answered");
        }
        return clearTasks.find(taskId).map(ClearTaskView::of).orElseThrow(() -> DlqProblems.taskNotFound(taskId));
    }

    private DlqFilter filter(String text, String originalQueue, String jobName, String errorCode,
                             Integer minReplayCount, String from, String to) {
        if (text != null && text.length() > 200) {
            throw DlqProblems.invalid("search", "must be at most 200 characters");
        }
        return new DlqFilter(text, Params.queue("originalQueue", originalQueue), jobName, errorCode, minReplayCount,
                Params.time("from", from), Params.time("to", to));
    }

    private String actor() {
        return Identities.actor(identities.current().await().atMost(WAIT));
    }

    private static String queueOf(String id) {
        return JobIds.queueOf(id).map(Object::toString).orElse(null);
    }

    private JsonNode tree(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
