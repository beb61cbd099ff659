package io.streamq.core.schedule;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.keys.ScheduleKeys;
import io.streamq.core.script.ScheduleCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Schedules: each under its target queue's tag ({@code q:{Q}:schedule:<id>}, due index {@code q:{Q}:schedules}), so
 * firing is one single-slot script; {@link ScheduleKeys#ids()} says which queue holds an id, so a lookup needs no scan
 * and ids are unique across queues. A create writes that index first and the schedule second; a delete the other way
 * round: a crash between the two leaves an index entry without a schedule, which reads as absent and which the next
 * create of the id takes over. See docs/schedules.md.
 */
@ApplicationScoped
public class ScheduleStore {

    /** Schedules in all: listing reads every one, so the number is bounded. */
    public static final int MAX_SCHEDULES = 1_000;
    /** Schedules read at once while listing. */
    private static final int LIST_READS_IN_FLIGHT = 16;
    /** How old an id index entry without a schedule must be before a create may take it over. */
    static final Duration ORPHAN_GRACE = Duration.ofSeconds(30);
    /** Saves that lose a race with another save (or a fire) are tried again this often. */
    private static final int SAVE_ATTEMPTS = 5;
    /**
     * How long a fired due time's idempotency key lives. A schedule never goes back to a due time it passed (saves
     * compute the next one after the last), so the key only guards against the unforeseen; an hour keeps an
     * every-second schedule's keys few.
     */
    static final Duration RUN_KEY_TTL = Duration.ofHours(1);

    private final ScriptRunner scripts;
    private final ReactiveRedisDataSource redis;
    private final QueueCatalog catalog;
    private final ReactiveHashCommands<String, String, String> hashes;

    public ScheduleStore(ScriptRunner scripts, ReactiveRedisDataSource redis, QueueCatalog catalog) {
        this.scripts = scripts;
        this.redis = redis;
        this.catalog = catalog;
        this.hashes = redis.hash(String.class);
    }

    /** The Redis clock, which every due time follows. */
    public Uni<Long> now() {
        return redis.execute(Command.TIME).map(t -> t.get(0).toLong() * 1000 + t.get(1).toLong() / 1000);
    }

    public Uni<Optional<Schedule>> find(String id) {
        return hashes.hget(ScheduleKeys.ids(), id).chain(entry -> queueOf(entry)
                .map(q -> find(q, id)).orElse(Uni.createFrom().item(Optional.empty())));
    }

    /** The queue an id index entry ({@code <queue>|<claimed µs>}, or an older release's bare queue) names. */
    private static Optional<QueueName> queueOf(String entry) {
        if (entry == null) {
            return Optional.empty();
        }
        int bar = entry.indexOf('|');
        return QueueName.fromWire(bar < 0 ? entry : entry.substring(0, bar));
    }

    /** A schedule of {@code queue}, read from the queue alone (the firing loop knows the queue). */
    public Uni<Optional<Schedule>> find(QueueName queue, String id) {
        return hashes.hgetall(QueueKeys.of(queue).schedule(id)).map(ScheduleHash::read);
    }

    /**
     * Every schedule, by id. Read {@link #LIST_READS_IN_FLIGHT} at a time: all 1,000 at once would overflow the
     * Redis client's queue of waiting commands.
     */
    public Uni<List<Schedule>> list() {
        return hashes.hgetall(ScheduleKeys.ids()).chain(ids -> Multi.createFrom().iterable(ids.entrySet())
                .onItem().transformToUni(e -> queueOf(e.getValue()).map(q -> find(q, e.getKey()))
                        .orElse(Uni.createFrom().item(Optional.empty())))
                .merge(LIST_READS_IN_FLIGHT)
                .collect().asList()
                .map(all -> all.stream().flatMap(Optional::stream)
                        .sorted(Comparator.comparing(s -> s.spec().id())).toList()));
    }

    /** Saves a new schedule; {@link SaveOutcome#EXISTS} when its id is taken on any queue. */
    public Uni<SaveOutcome> create(ScheduleSpec spec, String origin) {
        return hashes.hlen(ScheduleKeys.ids()).chain(count -> count >= MAX_SCHEDULES
                ? Uni.createFrom().item(SaveOutcome.FULL)
                : claimId(spec, "").chain(claim -> claim.taken() ? Uni.createFrom().item(true)
                        : takeOverOrphan(spec, claim.entry()))
                .chain(free -> free ? saveNew(spec, origin) : Uni.createFrom().item(SaveOutcome.EXISTS)));
    }

    /**
     * An index entry whose schedule is gone (a create or delete that died half-way) is free to take, once it is older
     * than {@link #ORPHAN_GRACE}: a younger one may be a create of another queue still writing its schedule.
     */
    private Uni<Boolean> takeOverOrphan(ScheduleSpec spec, String entry) {
        return queueOf(entry).map(q -> find(q, spec.id())).orElse(Uni.createFrom().item(Optional.empty()))
                .chain(found -> found.isPresent() ? Uni.createFrom().item(false)
                        : claimId(spec, entry).map(IdClaim::taken));
    }

    private record IdClaim(boolean taken, String entry) {
    }

    private Uni<IdClaim> claimId(ScheduleSpec spec, String expectedEntry) {
        return scripts.run(ScriptCall.of(ScheduleCommands.CLAIM_SCHEDULE_ID).key("id index", ScheduleKeys.ids())
                        .arg("id", spec.id()).arg("queue", spec.queue().wireName())
                        .arg("expected entry", expectedEntry).arg("grace ms", ORPHAN_GRACE.toMillis()))
                .map(r -> new IdClaim(r.get(0).toInteger() == 1, r.get(1).toString()));
    }

    private Uni<SaveOutcome> saveNew(ScheduleSpec spec, String origin) {
        return now().chain(now -> save(spec, "create", "", Schedule.nextDueOf(spec, now, 0, null, now),
                ScheduleHash.fields(spec, origin, now, now, now)));
    }

    /**
     * Changes a schedule: {@code change} gets the definition as saved and answers the new one. It stays on its queue
     * and keeps its runs, origin and {@code everyMs} grid; its next due time is recomputed, never one already fired.
     */
    public Uni<SaveOutcome> change(String id, UnaryOperator<ScheduleSpec> change) {
        return change(id, change, 1);
    }

    private Uni<SaveOutcome> change(String id, UnaryOperator<ScheduleSpec> change, int attempt) {
        return find(id).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(SaveOutcome.MISSING);
            }
            Schedule old = found.get();
            ScheduleSpec next = change.apply(old.spec());
            if (next.queue() != old.spec().queue()) {
                return Uni.createFrom().item(SaveOutcome.OTHER_QUEUE);
            }
            return now().chain(now -> save(next, "replace", Long.toString(old.version()),
                    Schedule.nextDueOf(next, old.anchorAt(), old.runs(), old.lastDueAt(), now),
                    ScheduleHash.fields(next, old.origin(), old.anchorAt(), old.createdAt(), now)));
        }).chain(outcome -> outcome == SaveOutcome.CHANGED && attempt < SAVE_ATTEMPTS
                ? change(id, change, attempt + 1) : Uni.createFrom().item(outcome));
    }

    private Uni<SaveOutcome> save(ScheduleSpec spec, String mode, String expectedVersion, Long nextDue,
                                  Map<String, String> fields) {
        QueueKeys k = QueueKeys.of(spec.queue());
        ScriptCall call = ScriptCall.of(ScheduleCommands.SAVE_SCHEDULE)
                .key("schedule", k.schedule(spec.id())).key("schedule index", k.schedules())
                .arg("id", spec.id()).arg("mode", mode).arg("expected version", expectedVersion)
                .arg("next due ms", nextDue == null ? -1 : nextDue);
        fields.forEach((field, value) -> call.arg("field", field).arg("value", value));
        return scripts.run(call).map(r -> switch (r.get(0).toString()) {
            case "saved" -> SaveOutcome.SAVED;
            case "exists" -> SaveOutcome.EXISTS;
            case "missing" -> SaveOutcome.MISSING;
            default -> SaveOutcome.CHANGED;
        });
    }

    /** Deletes a schedule; the jobs it enqueued stay. False when there was none. */
    public Uni<Boolean> delete(String id) {
        return hashes.hget(ScheduleKeys.ids(), id).chain(entry -> {
            Optional<QueueName> q = queueOf(entry);
            if (q.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            QueueKeys k = QueueKeys.of(q.get());
            return scripts.run(ScriptCall.of(ScheduleCommands.DELETE_SCHEDULE)
                            .key("schedule", k.schedule(id)).key("schedule index", k.schedules()).arg("id", id))
                    .chain(r -> scripts.run(ScriptCall.of(ScheduleCommands.RELEASE_SCHEDULE_ID)
                                    .key("id index", ScheduleKeys.ids()).arg("id", id).arg("expected entry", entry))
                            .replaceWith(r.toInteger() == 1));
        });
    }

    /** The schedules of {@code queue} due now (at most {@code max}), and how long until the next one. */
    public Uni<DueBatch> due(QueueName queue, int max) {
        return scripts.run(ScriptCall.of(ScheduleCommands.DUE_SCHEDULES)
                        .key("schedule index", QueueKeys.of(queue).schedules()).arg("max schedules", max))
                .map(ScheduleStore::dueBatch);
    }

    private static DueBatch dueBatch(Response r) {
        List<DueSchedule> due = new ArrayList<>();
        for (int i = 2; i + 1 < r.size(); i += 2) {
            due.add(new DueSchedule(r.get(i).toString(), r.get(i + 1).toLong()));
        }
        return new DueBatch(r.get(0).toLong(), r.get(1).toLong(), due);
    }

    /**
     * Applies a plan for one due time of {@code schedule} as read (its version): enqueues the job and moves the
     * schedule on, or changes nothing when another replica got there first ({@link Fired.Outcome#STALE}).
     */
    public Uni<Fired> fire(Schedule schedule, FirePlan plan) {
        return run(schedule, plan.enqueue() ? "due" : "skip", plan.dueMs(), plan.nextDueMs(), plan.missed(),
                dueKey(schedule.spec().id(), plan.dueMs()));
    }

    /** Enqueues the schedule's job now, under a key of its own, leaving the next due time as it is. */
    public Uni<Fired> runNow(Schedule schedule) {
        return run(schedule, "now", -1, -1, 0, "~schedule:" + schedule.spec().id() + ":now:" + UUID.randomUUID());
    }

    /**
     * The idempotency key of a due time. {@code ~} is outside the producer API's key alphabet, so no client key can
     * name a schedule's job.
     */
    public static String dueKey(String scheduleId, long dueMs) {
        return "~schedule:" + scheduleId + ":" + dueMs;
    }

    private Uni<Fired> run(Schedule schedule, String mode, long dueMs, long nextDueMs, int missed, String key) {
        ScheduleSpec spec = schedule.spec();
        QueueName queue = spec.queue();
        QueueKeys k = QueueKeys.of(queue);
        return scripts.run(ScriptCall.of(ScheduleCommands.FIRE_SCHEDULE)
                        .key("schedule", k.schedule(spec.id())).key("schedule index", k.schedules())
                        .key("sequence", k.sequence()).key("stream", k.stream()).key("delayed", k.delayed())
                        .key("counts", k.counts())
                        .arg("id", spec.id()).arg("mode", mode).arg("version", schedule.version())
                        .arg("due ms", dueMs).arg("next due ms", nextDueMs).arg("missed", missed)
                        .arg("queue", queue.wireName()).arg("jobPrefix", k.jobPrefix())
                        .arg("idempotencyPrefix", k.idempotencyPrefix()).arg("minutePrefix", k.minutePrefix())
                        .arg("channel", Channels.JOB_EVENTS).arg("maxAttempts", catalog.settings(queue).maxAttempts())
                        .arg("idempotencyKey", key).arg("idempotency TTL ms", RUN_KEY_TTL.toMillis())
                        .arg("actor", "schedule:" + spec.id()))
                .map(r -> new Fired(Fired.Outcome.valueOf(r.get(0).toString().toUpperCase(Locale.ROOT)),
                        r.get(1).toString().isEmpty() ? null : r.get(1).toString(), r.get(2).toLong()));
    }
}
