package io.streamq.producer.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.EnqueuedJob;
import io.streamq.core.job.JobIds;
import io.streamq.core.job.JobView;
import io.streamq.core.store.JobControl;
import io.streamq.core.store.JobStore;
import io.streamq.producer.domain.BulkRead;
import io.streamq.producer.domain.BulkRequestReader;
import io.streamq.producer.domain.Caller;
import io.streamq.producer.domain.ItemOutcome;
import io.streamq.producer.domain.JobRead;
import io.streamq.producer.domain.JobRequestReader;
import io.streamq.producer.domain.JobSubmitter;
import io.streamq.producer.wait.JobWait;
import io.streamq.security.audit.AuditTarget;
import io.streamq.security.audit.Audited;
import io.streamq.security.auth.Roles;
import io.streamq.security.error.Problem;
import io.streamq.security.error.ProblemException;
import io.streamq.security.error.Problems;
import io.streamq.security.ratelimit.RateLimited;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Enqueue jobs, read them back (waiting for them to finish if asked) and cancel them. Tenant, workspace and actor
 * always come from the token.
 */
@Path("/v1/jobs")
@RolesAllowed({Roles.PRODUCER, Roles.OWNER})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token may not use this API",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "429", description = "Rate limit reached; see Retry-After and RateLimit-*",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class JobsResource {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** Limit groups (streamq.security.rate-limit.<group>.*, see application.properties). */
    static final String ENQUEUE_LIMITS = "enqueue";
    static final String READ_LIMITS = "reads";
    /** Action of the data-access entry written for every job read (it returns the payload). */
    static final String READ_ACTION = "job.read";
    /** Action of the audit entries of a producer's cancel. */
    static final String CANCEL_ACTION = "job.cancel";

    private final CallerResolver callers;
    private final JsonBodies bodies;
    private final JobRequestReader jobRequests;
    private final BulkRequestReader bulkRequests;
    private final JobSubmitter submitter;
    private final JobStore store;
    private final JobDetailsMapper details;
    private final Audited audited;
    private final JobControl control;
    private final JobWait waits;

    public JobsResource(CallerResolver callers, JsonBodies bodies, JobRequestReader jobRequests,
                        BulkRequestReader bulkRequests, JobSubmitter submitter, JobStore store,
                        JobDetailsMapper details, Audited audited, JobControl control, JobWait waits) {
        this.callers = callers;
        this.bodies = bodies;
        this.jobRequests = jobRequests;
        this.bulkRequests = bulkRequests;
        this.submitter = submitter;
        this.store = store;
        this.details = details;
        this.audited = audited;
        this.control = control;
        this.waits = waits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enqueue a job")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = JobRequest.class)))
    @APIResponse(responseCode = "202", description = "Enqueued",
            content = @Content(schema = @Schema(implementation = JobAccepted.class)))
    @APIResponse(responseCode = "200", description = "The idempotency key matched an earlier job, which is returned "
            + "(with debounced: true when it took this request's payload)",
            content = @Content(schema = @Schema(implementation = JobAccepted.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid request; nothing was enqueued",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body is not JSON",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RateLimited(group = ENQUEUE_LIMITS)
    public Uni<Response> enqueue(String body) throws JsonProcessingException {
        Caller caller = callers.current();
        JobRead read = jobRequests.read(bodies.object(body), "", caller);
        if (read instanceof JobRead.Rejected rejected) {
            throw FieldProblems.invalid("The job was rejected; nothing was enqueued.", rejected.errors());
        }
        return submitter.submit(((JobRead.Valid) read).job()).map(JobsResource::accepted);
    }

    private static Response accepted(EnqueuedJob job) {
        Response.ResponseBuilder out = job.duplicate()
                ? Response.ok().header(REPLAYED_HEADER, "true")
                : Response.accepted();
        // Relative on purpose: correct behind any proxy, which an absolute URI built from the request is not.
        return out.header(HttpHeaders.LOCATION, location(job.id())).entity(JobAccepted.of(job)).build();
    }

    static String location(String id) {
        return "/v1/jobs/" + id;
    }

    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enqueue up to 1,000 jobs",
            description = "Every item is validated on its own; the valid ones are enqueued together.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = BulkRequest.class)))
    @APIResponse(responseCode = "202", description = "At least one job was enqueued",
            content = @Content(schema = @Schema(implementation = BulkResponse.class)))
    @APIResponse(responseCode = "200", description = "Every valid item matched an earlier job by idempotency key",
            content = @Content(schema = @Schema(implementation = BulkResponse.class)))
    @APIResponse(responseCode = "400", description = "The envelope is invalid, or no item is; nothing was enqueued",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body too large",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RateLimited(group = ENQUEUE_LIMITS)
    public Uni<Response> enqueueBulk(String body) throws JsonProcessingException {
        Caller caller = callers.current();
        BulkRead read = bulkRequests.read(bodies.object(body), caller);
        if (read instanceof BulkRead.Invalid invalid) {
            throw FieldProblems.invalid("The request was rejected; nothing was enqueued.", invalid.errors());
        }
        List<JobRead> items = ((BulkRead.Items) read).items();
        if (items.stream().noneMatch(JobRead.Valid.class::isInstance)) {
            throw FieldProblems.invalid("Every job was rejected; nothing was enqueued.", items.stream()
                    .flatMap(i -> ((JobRead.Rejected) i).errors().stream()).toList());
        }
        return submitter.submitAll(items).map(JobsResource::bulkAnswer);
    }

    private static Response bulkAnswer(List<ItemOutcome> outcomes) {
        BulkResponse answer = BulkResponse.of(outcomes.stream().map(BulkItemResult::of).toList());
        // 202 says "work was queued"; if every valid item was a replay nothing new was queued, as with a single 200.
        return Response.status(answer.accepted() > 0 ? 202 : 200).entity(answer).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a job, optionally waiting until it is final",
            description = "With wait=N (seconds, 0 to 60) the answer comes as soon as the job is completed, failed or "
                    + "cancelled, or after N seconds with the job as it is then.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(schema = @Schema(implementation = JobDetails.class)))
    @APIResponse(responseCode = "400", description = "wait is not an integer from 0 to 60",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such job (or not one of the caller's tenant)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The data-access log cannot be written, so nothing is returned; "
            + "or this replica already holds its maximum of waiting requests (Retry-After)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Parameter(name = WaitParam.NAME, in = ParameterIn.QUERY, description = "Seconds to wait for the job to be "
            + "final, 0 to 60", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "60"))
    @RateLimited(group = READ_LIMITS)
    public Uni<JobDetails> get(@PathParam("id") String id, @Context HttpServerRequest http) {
        Caller caller = callers.current();
        // Read from the request itself: the REST layer's @QueryParam turns "wait=" into null, i.e. no wait at all.
        Duration waitFor = WaitParam.parse(http.getParam(WaitParam.NAME));
        if (waitFor.isZero()) {
            return store.find(id).chain(found -> answer(found, caller));
        }
        // Another tenant's job is not waited for: it answers 404 at once, like a missing one.
        return waits.await(id, view -> caller.maySee(view.tenant()), waitFor, found -> answer(found, caller));
    }

    /**
     * Another tenant's job answers exactly like a missing one, so ids cannot be probed for existence. Only a job that
     * is actually returned is logged: a 404 discloses no data.
     */
    private Uni<JobDetails> answer(Optional<JobView> found, Caller caller) {
        JobView job = found.filter(view -> caller.maySee(view.tenant())).orElseThrow(JobsResource::noSuchJob);
        // The answer carries the payload: the library writes the data-access entry before it leaves, and answers 503
        // without the data if it cannot.
        return audited.access(READ_ACTION, AuditTarget.jobs(job.queue().wireName(), List.of(job.id())), Map.of(),
                () -> Uni.createFrom().item(details.of(job)));
    }

    static ProblemException noSuchJob() {
        return new ProblemException(404, "There is no such job.");
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a job",
            description = "A waiting, delayed or active job of the caller's tenant becomes cancelled: it will not run "
                    + "(again); an active job's worker is told to stop and its outcome is discarded.")
    @APIResponse(responseCode = "200", description = "Cancelled; from is the state it left",
            content = @Content(schema = @Schema(implementation = JobCancelled.class)))
    @APIResponse(responseCode = "404", description = "No such job (or not one of the caller's tenant)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The job is already completed, failed or cancelled",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The audit log cannot be written (Retry-After)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @RateLimited(group = ENQUEUE_LIMITS)
    public Uni<JobCancelled> cancel(@PathParam("id") String id) {
        Caller caller = callers.current();
        Optional<QueueName> queue = JobIds.queueOf(id);
        if (queue.isEmpty()) {
            // Names no queue, so no job: nothing to try, nothing to record.
            throw noSuchJob();
        }
        // The tenant check is the script's (the filter), in the same step as the cancel: no read-then-write race.
        return audited.mutation(CANCEL_ACTION, AuditTarget.jobs(queue.get().wireName(), List.of(id)), Map.of(),
                () -> control.cancel(id, caller.subject(), caller.cancelFilter()).map(JobCancelled::of));
    }
}
