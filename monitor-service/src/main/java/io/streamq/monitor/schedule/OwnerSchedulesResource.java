package io.streamq.monitor.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.payload.FieldError;
import io.streamq.core.schedule.Fired;
import io.streamq.core.schedule.SaveOutcome;
import io.streamq.core.schedule.Schedule;
import io.streamq.core.schedule.ScheduleRead;
import io.streamq.core.schedule.ScheduleReader;
import io.streamq.core.schedule.ScheduleSpec;
import io.streamq.core.schedule.ScheduleStore;
import io.streamq.core.store.QueueStatsCache;
import io.streamq.security.audit.AuditTarget;
import io.streamq.security.audit.Audited;
import io.streamq.security.auth.Policy;
import io.streamq.security.auth.RequiresPolicy;
import io.streamq.security.error.FieldProblem;
import io.streamq.security.error.InvalidRequestException;
import io.streamq.security.error.Problem;
import io.streamq.security.error.ProblemException;
import io.streamq.security.error.Problems;
import io.streamq.security.owner.OwnerActions;
import io.streamq.security.ratelimit.RateLimited;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Repeatable jobs: create, change, pause, resume, run now and delete schedules (docs/schedules.md). */
@Path("/owner/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Schedules")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token lacks the policy this call needs",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "429", description = "Rate limit reached; see Retry-After and RateLimit-*",
        content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OwnerSchedulesResource {

    /** A preview saves nothing, so a form may ask before the owner has named the schedule. */
    private static final String UNNAMED = "preview";

    private final ScheduleStore store;
    private final ScheduleReader reader;
    private final Audited audited;
    private final OwnerActions actions;
    private final ObjectMapper mapper;
    private final QueueStatsCache statsCache;

    public OwnerSchedulesResource(ScheduleStore store, ScheduleReader reader, Audited audited, OwnerActions actions,
                                  ObjectMapper mapper, QueueStatsCache statsCache) {
        this.store = store;
        this.reader = reader;
        this.audited = audited;
        this.actions = actions;
        this.mapper = mapper;
        this.statsCache = statsCache;
    }

    @GET
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    @Operation(summary = "List every schedule", description = "By id; at most 1,000 exist. Data-access logged "
            + "(schedule.list): the answers carry payloads.")
    @APIResponse(responseCode = "200", description = "The schedules",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ScheduleAnswer.class)))
    public Uni<List<ScheduleAnswer>> list() {
        return audited.access("schedule.list", AuditTarget.none(), Map.of(),
                () -> store.list().map(all -> all.stream().map(this::answer).toList()));
    }

    @GET
    @Path("/{id}")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    @Operation(summary = "Read a schedule", description = "Data-access logged (schedule.read).")
    @APIResponse(responseCode = "200", description = "The schedule",
            content = @Content(schema = @Schema(implementation = ScheduleAnswer.class)))
    @APIResponse(responseCode = "404", description = "No such schedule",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ScheduleAnswer> get(@PathParam("id") String id) {
        return existing(id).chain(s -> audited.access("schedule.read", target(s), Map.of("schedule", id),
                () -> Uni.createFrom().item(answer(s))));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    @Operation(summary = "Create a schedule",
            description = "Exactly one of cron (with timezone, default UTC) and everyMs (at least 1000). The payload "
                    + "is checked against the job type's contract. Audited (schedule.create).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ScheduleRequest.class)))
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = ScheduleAnswer.class)))
    @APIResponse(responseCode = "400", description = "Invalid; errors[] names each field, nothing was saved",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The id is taken, or 1,000 schedules exist already",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(JsonNode body) {
        ScheduleSpec spec = valid(reader.read(body, null));
        return audited.mutation("schedule.create", AuditTarget.queue(spec.queue().wireName()),
                        Map.of("schedule", spec.id()),
                        () -> store.create(spec, Schedule.ORIGIN_API).chain(outcome -> saved(spec.id(), outcome))
                                .call(s -> publish("schedule.create", s)))
                .map(s -> Response.status(201).header("Location", "/owner/schedules/" + s.spec().id())
                        .entity(answer(s)).build());
    }

    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    @Operation(summary = "Preview a schedule's next fire times",
            description = "Reads the body as a create does (the same rules, errors and timing code) and saves nothing; "
                    + "the id may be left out. Times follow the Redis clock, like firing.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ScheduleRequest.class)))
    @APIResponse(responseCode = "200", description = "The next five fire times",
            content = @Content(schema = @Schema(implementation = PreviewAnswer.class)))
    @APIResponse(responseCode = "400", description = "Invalid; errors[] names each field",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<PreviewAnswer> preview(JsonNode body) {
        JsonNode id = body == null ? null : body.get("id");
        ScheduleSpec spec = valid(reader.read(body, id == null || id.isNull() ? UNNAMED : null));
        return store.now().map(now -> PreviewAnswer.of(spec, now));
    }

    @GET
    @Path("/_job-types")
    @RequiresPolicy(Policy.READ)
    @RateLimited(group = "reads")
    @Operation(summary = "The job types a schedule may enqueue",
            description = "Each with its queue, in name order. Ids never start with _, so this path names no schedule.")
    @APIResponse(responseCode = "200", description = "The job types",
            content = @Content(schema = @Schema(implementation = JobTypesAnswer.class)))
    public JobTypesAnswer jobTypes() {
        return JobTypesAnswer.schedulable();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    @Operation(summary = "Replace a schedule's definition",
            description = "The schedule keeps its id, queue, runs and origin; its next due time is recomputed (never "
                    + "one already fired). Audited (schedule.change).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ScheduleRequest.class)))
    @APIResponse(responseCode = "200", description = "Saved",
            content = @Content(schema = @Schema(implementation = ScheduleAnswer.class)))
    @APIResponse(responseCode = "400", description = "Invalid (a new jobName of another queue, too); nothing saved",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such schedule",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ScheduleAnswer> replace(@PathParam("id") String id, JsonNode body) {
        ScheduleSpec spec = valid(reader.read(body, id));
        return change(id, "schedule.change", old -> spec);
    }

    @POST
    @Path("/{id}/pause")
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    @Operation(summary = "Pause a schedule", description = "It leaves the due index; nothing fires until resumed. "
            + "Audited (schedule.pause).")
    @APIResponse(responseCode = "200", description = "The schedule",
            content = @Content(schema = @Schema(implementation = ScheduleAnswer.class)))
    @APIResponse(responseCode = "404", description = "No such schedule",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ScheduleAnswer> pause(@PathParam("id") String id) {
        return change(id, "schedule.pause", old -> old.withEnabled(false));
    }

    @POST
    @Path("/{id}/resume")
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    @Operation(summary = "Resume a schedule", description = "It continues at its first fire time after now; the times "
            + "that passed while paused are not fired. Audited (schedule.resume).")
    @APIResponse(responseCode = "200", description = "The schedule",
            content = @Content(schema = @Schema(implementation = ScheduleAnswer.class)))
    @APIResponse(responseCode = "404", description = "No such schedule",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ScheduleAnswer> resume(@PathParam("id") String id) {
        return change(id, "schedule.resume", old -> old.withEnabled(true));
    }

    @POST
    @Path("/{id}/run-now")
    @RequiresPolicy(Policy.MANAGE)
    @RateLimited(group = "mutations")
    @Operation(summary = "Enqueue the schedule's job now",
            description = "Under an idempotency key of its own; the next due time stays. Counts in runs (and maxRuns). "
                    + "Audited (schedule.run-now).")
    @APIResponse(responseCode = "200", description = "The job enqueued",
            content = @Content(schema = @Schema(implementation = RunNowAnswer.class)))
    @APIResponse(responseCode = "404", description = "No such schedule",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "maxRuns is used up",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RunNowAnswer> runNow(@PathParam("id") String id) {
        return existing(id).chain(s -> audited.mutation("schedule.run-now", target(s), Map.of("schedule", id),
                () -> statsCache.after(s.spec().queue(), store.runNow(s)).map(fired -> switch (fired.outcome()) {
                    case FIRED -> new RunNowAnswer(id, fired.jobId(), fired.runs());
                    case FINISHED -> throw new ProblemException(409, "Schedule " + id + " used up its maxRuns.");
                    default -> throw notFound(id);
                }).call(answer -> actions.actor().chain(actor -> actions.publish("schedule.run-now",
                        s.spec().queue().wireName(), List.of(answer.jobId()), actor, Map.of("schedule", id))))));
    }

    @DELETE
    @Path("/{id}")
    @RequiresPolicy(Policy.DELETE)
    @RateLimited(group = "mutations")
    @Operation(summary = "Delete a schedule", description = "The jobs it enqueued stay. Audited (schedule.delete).")
    @APIResponse(responseCode = "200", description = "Deleted",
            content = @Content(schema = @Schema(implementation = DeleteAnswer.class)))
    @APIResponse(responseCode = "404", description = "No such schedule",
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DeleteAnswer> delete(@PathParam("id") String id) {
        return existing(id).chain(s -> audited.mutation("schedule.delete", target(s), Map.of("schedule", id),
                () -> store.delete(id).map(deleted -> {
                    if (!deleted) {
                        throw notFound(id);
                    }
                    return new DeleteAnswer(id, true);
                }).call(answer -> publish("schedule.delete", s))));
    }

    private Uni<ScheduleAnswer> change(String id, String action, Function<ScheduleSpec, ScheduleSpec> change) {
        return existing(id).chain(s -> audited.mutation(action, target(s), Map.of("schedule", id),
                        () -> store.change(id, change::apply).chain(outcome -> saved(id, outcome))
                                .call(saved -> publish(action, saved))))
                .map(this::answer);
    }

    private Uni<Schedule> saved(String id, SaveOutcome outcome) {
        return switch (outcome) {
            case SAVED -> existing(id);
            case EXISTS -> Uni.createFrom().failure(new ProblemException(409, "A schedule " + id + " exists."));
            case FULL -> Uni.createFrom().failure(new ProblemException(409, "There are "
                    + ScheduleStore.MAX_SCHEDULES + " schedules already; delete one first."));
            case MISSING -> Uni.createFrom().failure(notFound(id));
            case CHANGED -> Uni.createFrom().failure(new ProblemException(409, "Schedule " + id
                    + " kept changing while it was saved; try again."));
            case OTHER_QUEUE -> Uni.createFrom().failure(new InvalidRequestException(
                    "A schedule stays on its queue; nothing was saved.", List.of(new FieldProblem("jobName",
                    "must be a job type of the schedule's queue (delete it and create another to move it)"))));
        };
    }

    private Uni<Void> publish(String action, Schedule s) {
        return actions.actor().chain(actor -> actions.publish(action, s.spec().queue().wireName(), List.of(), actor,
                Map.of("schedule", s.spec().id(), "enabled", s.spec().enabled())));
    }

    private Uni<Schedule> existing(String id) {
        return store.find(id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(404, "There is no schedule " + clip(id) + ".");
    }

    private static AuditTarget target(Schedule s) {
        return AuditTarget.queue(s.spec().queue().wireName());
    }

    private ScheduleAnswer answer(Schedule s) {
        return ScheduleAnswer.of(s, mapper);
    }

    private static ScheduleSpec valid(ScheduleRead read) {
        if (read instanceof ScheduleRead.Invalid invalid) {
            throw new InvalidRequestException("The schedule was rejected; nothing was saved.",
                    invalid.errors().stream().map(OwnerSchedulesResource::problem).toList());
        }
        return ((ScheduleRead.Valid) read).spec();
    }

    private static FieldProblem problem(FieldError e) {
        return new FieldProblem(e.field(), e.message());
    }

    /** Echo at most 40 characters of client input. */
    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
