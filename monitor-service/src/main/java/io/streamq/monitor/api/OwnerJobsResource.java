package io.streamq.monitor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobLogLine;
import io.streamq.core.job.JobState;
import io.streamq.core.job.JobView;
import io.streamq.core.store.JobCursor;
import io.streamq.core.store.JobReports;
import io.streamq.core.store.JobStore;
import io.streamq.core.store.QueueReader;
import io.streamq.monitor.admin.JobAdmin;
import io.streamq.monitor.admin.JobLogsRead;
import io.streamq.monitor.config.MonitorConfig;
import io.streamq.security.audit.AuditTarget;
import io.streamq.security.audit.Audited;
import io.streamq.security.auth.Policy;
import io.streamq.security.auth.RequiresPolicy;
import io.streamq.security.bulk.BulkResult;
import io.streamq.security.bulk.IdsRequest;
import io.streamq.security.error.FieldProblem;
import io.streamq.security.error.InvalidRequestException;
import io.streamq.security.ratelimit.RateLimited;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * List, search and read jobs of a queue and their logs; retry, remove and cancel them one by one or in bulk
 * (docs/api-monitor.md). Cancel by filter is {@link OwnerCancelByFilterResource}.
 */
@Path("/owner/queues/{queueName}/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class OwnerJobsResource {

    /** The states a list takes, for the message that refuses any other. */
    private static final String STATES = Arrays.stream(JobState.values()).map(JobState::wireName)
            .collect(Collectors.joining(", "));

    private final QueueReader reader;
    private final JobStore jobs;
    private final JobReports reports;
    private final JobLogsRead logs;
    private final JobAdmin admin;
    private final Audited audited;
    private final MonitorConfig config;
    private final ObjectMapper mapper;

    public OwnerJobsResource(QueueReader reader, JobStore jobs, JobReports reports, JobLogsRead logs, JobAdmin admin,
                             Audited audited, MonitorConfig config, ObjectMapper mapper) {
        this.reader = reader;
        this.jobs = jobs;
        this.reports = reports;
        this.logs = logs;
        this.admin = admin;
        this.audited = audited;
        this.config = config;
        this.mapper = mapper;
    }

    /**
     * A page of the jobs of one state (default waiting), by page number or by the cursor of the previous page. A
     * search runs over job id, type and payload text, so it is a read of payloads and goes to the data-access log.
     */
    @GET
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<JobsPage> list(@PathParam("queueName") String queueName,
                              @QueryParam("state") @DefaultValue("waiting") String stateName,
                              @QueryParam("search") @Size(max = 200) String search,
                              @QueryParam("page") @DefaultValue("1") @Min(1) @Max(10_000) int page,
                              @QueryParam("pageSize") @DefaultValue("20") @Min(1) @Max(100) int pageSize,
                              @QueryParam("cursor") String cursor) {
        QueueName queue = QueuePaths.resolve(queueName);
        JobState state = JobState.fromWire(stateName).orElseThrow(() -> invalid("Unknown job state.", "state",
                "must be one of " + STATES));
        String text = search == null || search.isBlank() ? null : search.trim();
        if (text != null) {
            if (cursor != null) {
                throw invalid("A search pages by page number.", "cursor", "must be absent with search");
            }
            return search(queue, state, text, page, pageSize);
        }
        return reader.page(queue, state, start(state, page, pageSize, cursor), pageSize).chain(ids -> rows(ids.ids())
                .map(rows -> new JobsPage(queue.wireName(), System.currentTimeMillis(), state.wireName(), null, page,
                        pageSize, ids.total(), false, null, null, null, ids.next(), rows)));
    }

    /** The cursor's position, else the page's; page numbers reach only so deep into the stream-backed states. */
    private JobCursor start(JobState state, int page, int pageSize, String cursor) {
        if (cursor != null) {
            return JobCursor.parse(state, cursor).orElseThrow(() -> invalid("Not a cursor of this state.", "cursor",
                    "must be the nextCursor of a page of state " + state.wireName()));
        }
        long offset = (long) (page - 1) * pageSize;
        if (JobCursor.streamBacked(state) && offset + pageSize > config.streamPageDepth()) {
            throw invalid("Page too deep for page numbers.", "page", "%s pages by number reach the first %d jobs; "
                    .formatted(state.wireName(), config.streamPageDepth())
                    + "continue with cursor (the nextCursor of the page before)");
        }
        return JobCursor.offset(offset);
    }

    private Uni<JobsPage> search(QueueName queue, JobState state, String text, int page, int pageSize) {
        int scanLimit = config.searchScanLimit();
        Uni<JobsPage> read = reader.search(queue, state, text, scanLimit, config.searchByteLimit().asLongValue())
                .chain(found -> {
                    List<String> matches = found.matches();
                    int from = (int) Math.min(matches.size(), (long) (page - 1) * pageSize);
                    return rows(matches.subList(from, Math.min(matches.size(), from + pageSize))).map(rows ->
                            new JobsPage(queue.wireName(), System.currentTimeMillis(), state.wireName(), text, page,
                                    pageSize, matches.size(), found.limited(), scanLimit, found.scanned(),
                                    found.partlySearched(), null, rows));
                });
        return audited.access("job.search", new AuditTarget(queue.wireName(), List.of(),
                Map.of("state", state.wireName(), "search", text)), Map.of("page", page), () -> read);
    }

    private static InvalidRequestException invalid(String detail, String field, String message) {
        return new InvalidRequestException(detail, List.of(new FieldProblem(field, message)));
    }

    private Uni<List<JobRow>> rows(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Optional<JobView>>> reads = ids.stream().map(jobs::find).toList();
        return Uni.join().all(reads).andFailFast().map(found -> {
            List<JobRow> rows = new ArrayList<>(found.size());
            // A job removed between the page and the read is left out rather than shown half.
            found.forEach(v -> v.ifPresent(view -> rows.add(JobRow.of(view))));
            return rows;
        });
    }

    /** The whole job with payload, result, progress and log; every read is in the data-access log. */
    @GET
    @Path("/{id}")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<JobDetails> get(@PathParam("queueName") String queueName, @PathParam("id") String id) {
        return readJob(queueName, id, "job.read", queue -> Uni.combine().all().unis(jobs.find(id), reports.logs(id))
                .asTuple().map(t -> t.getItem1().map(v -> details(v, t.getItem2()))));
    }

    /** The lines a job's handlers logged; they may carry data, so every read is in the data-access log. */
    @GET
    @Path("/{id}/logs")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    public Uni<JobLogs> logs(@PathParam("queueName") String queueName, @PathParam("id") String id) {
        return readJob(queueName, id, "job.logs", queue -> logs.of(queue, id)
                .map(found -> found.map(lines -> new JobLogs(id, lines))));
    }

    /**
     * A read of one job's data: 404 when the queue holds no such job (an id of another shape or queue never reaches
     * a key), else the answer leaves only once its data-access entry is written.
     */
    private <T> Uni<T> readJob(String queueName, String id, String action,
                               Function<QueueName, Uni<Optional<T>>> read) {
        QueueName queue = QueuePaths.resolve(queueName);
        if (!QueuePaths.holdsJob(queue, id)) {
            throw QueuePaths.noSuchJob(queue, id);
        }
        return read.apply(queue).chain(found -> {
            T answer = found.orElseThrow(() -> QueuePaths.noSuchJob(queue, id));
            return audited.access(action, AuditTarget.jobs(queue.wireName(), List.of(id)), Map.of(),
                    () -> Uni.createFrom().item(answer));
        });
    }

    @POST
    @Path("/{id}/retry")
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    public Uni<JobActionResult> retry(@PathParam("queueName") String queueName, @PathParam("id") String id) {
        return admin.one(QueuePaths.resolve(queueName), id, JobAdmin.Action.RETRY);
    }

    @POST
    @Path("/{id}/remove")
    @RequiresPolicy(Policy.DELETE)
    @RateLimited(group = "mutations")
    public Uni<JobActionResult> remove(@PathParam("queueName") String queueName, @PathParam("id") String id) {
        return admin.one(QueuePaths.resolve(queueName), id, JobAdmin.Action.REMOVE);
    }

    /** Stops a waiting, delayed or active job for good; an active one's worker is told to interrupt its handler. */
    @POST
    @Path("/{id}/cancel")
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    public Uni<JobActionResult> cancel(@PathParam("queueName") String queueName, @PathParam("id") String id) {
        return admin.one(QueuePaths.resolve(queueName), id, JobAdmin.Action.CANCEL);
    }

    @POST
    @Path("/bulk-retry")
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    public Uni<BulkResult> bulkRetry(@PathParam("queueName") String queueName, @NotNull IdsRequest body) {
        return admin.bulk(QueuePaths.resolve(queueName), body, JobAdmin.Action.RETRY);
    }

    @POST
    @Path("/bulk-remove")
    @RequiresPolicy(Policy.DELETE)
    @RateLimited(group = "mutations")
    public Uni<BulkResult> bulkRemove(@PathParam("queueName") String queueName, @NotNull IdsRequest body) {
        return admin.bulk(QueuePaths.resolve(queueName), body, JobAdmin.Action.REMOVE);
    }

    @POST
    @Path("/bulk-cancel")
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    public Uni<BulkResult> bulkCancel(@PathParam("queueName") String queueName, @NotNull IdsRequest body) {
        return admin.bulk(QueuePaths.resolve(queueName), body, JobAdmin.Action.CANCEL);
    }

    private JobDetails details(JobView v, List<JobLogLine> lines) {
        return new JobDetails(v.id(), v.queue().wireName(), v.name(), v.state(), v.priority(), v.attempts(),
                v.maxAttempts(), v.createdAt(), v.dueAt(), v.startedAt(), v.finishedAt(), v.durationMs(), v.tenant(),
                v.workspace(), v.actor(), json(v.payload()), json(v.result()), v.lastError(), v.firstFailedAt(),
                v.lastFailedAt(), json(v.progress()), v.progressAt(), v.cancelledBy(), v.cancelledFrom(), lines);
    }

    /** Stored JSON as JSON; anything unparsable as text, never an error. */
    private JsonNode json(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            return TextNode.valueOf(text);
        }
    }
}
