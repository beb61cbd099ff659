package io.streamq.core.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.ScanArgs;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.streamq.core.keys.AnalyticsKeys;
import io.streamq.core.script.HandlerCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Event counters per UTC day, their roll-ups, per-user recent events and stored reports (see docs/integrations.md). */
@ApplicationScoped
public class AnalyticsStore {

    /**
     * Where a track-event ended: whether it counted (false: the job had been counted by an earlier attempt), the count
     * of the day's field it is counted in, and what was folded into {@code ~other} because a day hash was full.
     */
    public record Tracked(boolean counted, long dayCount, int propertiesRecorded, int propertiesFolded,
                          boolean eventFolded) {
    }

    /**
     * How long a day's counters live and how many fields each day hash holds at most, its {@code ~other} field
     * included: distinct event names, and {@code <event>|<property>=<value>} breakdown fields.
     */
    public record DayBounds(Duration ttl, int maxEvents, int maxPropertyFields) {
    }

    /**
     * What a daily summary lists (the top events, the top properties of each) and about how many hash fields one
     * script call of the roll-up reads at most (HSCAN's COUNT).
     */
    public record SummaryBounds(int topEvents, int topProperties, int fieldsPerCall) {
    }

    /**
     * A day's analytics roll-up: its totals, its top events with their top properties, and what it does not list:
     * events and property values counted in {@code ~other} because the day's hashes were full, and events and
     * properties beyond the top. {@code truncated} says the list is not the whole day. See docs/integrations.md.
     */
    public record DaySummary(LocalDate date, long totalEvents, int distinctEvents, long otherEvents, int omittedEvents,
                             long otherProperties, boolean truncated, List<Event> events) {

        /** A listed event; {@code omittedProperties} counts its breakdown fields beyond {@code topProperties}. */
        public record Event(String event, long count, int omittedProperties, List<Property> topProperties) {
        }

        public record Property(String property, String value, long count) {

            /** From a breakdown field's {@code <property>=<value>}. */
            public static Property of(String field, long count) {
                int eq = field.indexOf('=');
                return eq < 0 ? new Property(field, "", count)
                        : new Property(field.substring(0, eq), field.substring(eq + 1), count);
            }
        }

        static DaySummary of(LocalDate date, long totalEvents, int distinctEvents, long otherEvents,
                             long otherProperties, List<Event> events) {
            int omittedEvents = distinctEvents - events.size();
            boolean truncated = otherEvents > 0 || otherProperties > 0 || omittedEvents > 0
                    || events.stream().anyMatch(e -> e.omittedProperties() > 0);
            return new DaySummary(date, totalEvents, distinctEvents, otherEvents, omittedEvents, otherProperties,
                    truncated, events);
        }
    }

    /** A user's recent event for digests, and the address to send them to when one was tracked. */
    public record UserActivity(List<String> recentEventsJson, Optional<String> email) {
    }

    /** The field of either day hash that counts what the full hash could not hold (see track-event.lua). */
    public static final String OTHER = "~other";

    /** Work state of a roll-up outlives the short gaps between its steps; a run whose worker died leaves it briefly. */
    private static final Duration AGGREGATE_WORK_TTL = Duration.ofMinutes(10);

    private final ScriptRunner scripts;
    private final ReactiveRedisDataSource redis;

    public AnalyticsStore(ScriptRunner scripts, ReactiveRedisDataSource redis) {
        this.scripts = scripts;
        this.redis = redis;
    }

    /**
     * Counts one event of a job once. {@code properties} are {@code property=value} strings; {@code userId} (nullable)
     * adds {@code recentJson} to the user's recent events, and {@code email} (nullable) records the user's address.
     */
    public Uni<Tracked> track(String jobId, String event, LocalDate day, List<String> properties, DayBounds bounds,
                              String userId, String recentJson, int recentMax, Duration recentTtl, String email) {
        ScriptCall call = ScriptCall.of(HandlerCommands.TRACK_EVENT)
                .key("counted marker of the job", AnalyticsKeys.counted(jobId))
                .key("day counts", AnalyticsKeys.dayCounts(day)).key("day properties", AnalyticsKeys.dayProperties(day))
                .key("days index", AnalyticsKeys.days());
        if (userId != null) {
            call.key("user's recent events", AnalyticsKeys.userRecent(userId))
                    .key("user's profile", AnalyticsKeys.userProfile(userId));
        }
        call.arg("event", event).arg("epoch day", day.toEpochDay()).arg("day", day.toString())
                .arg("day keys TTL s", bounds.ttl().toSeconds()).arg("max event fields per day", bounds.maxEvents())
                .arg("max property fields per day", bounds.maxPropertyFields())
                .arg("marker TTL s", Duration.ofDays(2).toSeconds())
                .arg("recent event JSON", userId == null ? "" : recentJson).arg("recent max length", recentMax)
                .arg("recent TTL s", recentTtl.toSeconds())
                .arg("user email", userId == null || email == null ? "" : email)
                .arg("property count", properties.size());
        properties.forEach(p -> call.arg("property", p));
        return scripts.run(call).map(r -> new Tracked(r.get(0).toInteger() == 1,
                r.get(1).toLong(), r.get(2).toInteger(), r.get(3).toInteger(), r.get(4).toInteger() == 1));
    }

    /**
     * Rolls a day up into its summary. The roll-up is a series of short script calls, each reading a bounded slice of
     * the day, under state of its own run.
     */
    public Uni<DaySummary> aggregateDay(LocalDate day, SummaryBounds bounds) {
        String run = UUID.randomUUID().toString();
        return aggregateStep(day, run, bounds, "events", "0").map(r -> summary(day, r));
    }

    private Uni<Response> aggregateStep(LocalDate day, String run, SummaryBounds bounds, String step, String cursor) {
        ScriptCall call = ScriptCall.of(HandlerCommands.AGGREGATE_DAY)
                .key("day counts", AnalyticsKeys.dayCounts(day)).key("day properties", AnalyticsKeys.dayProperties(day))
                .key("named events", AnalyticsKeys.aggregateEvents(run))
                .key("listed events", AnalyticsKeys.aggregateListed(run))
                .key("totals", AnalyticsKeys.aggregateTotals(run))
                .arg("step", step).arg("cursor", cursor).arg("batch", bounds.fieldsPerCall())
                .arg("top events", bounds.topEvents()).arg("top properties per event", bounds.topProperties())
                .arg("work TTL s", AGGREGATE_WORK_TTL.toSeconds())
                .arg("properties prefix", AnalyticsKeys.aggregatePropertiesPrefix(run));
        return scripts.run(call).flatMap(r -> "done".equals(r.get(0).toString())
                ? Uni.createFrom().item(r)
                : aggregateStep(day, run, bounds, r.get(0).toString(), r.get(1).toString()));
    }

    private static DaySummary summary(LocalDate day, Response done) {
        List<DaySummary.Event> events = new ArrayList<>();
        for (Response e : done.get(5)) {
            List<DaySummary.Property> properties = new ArrayList<>();
            Response kept = e.get(3);
            for (int i = 0; i < kept.size(); i += 2) {
                properties.add(DaySummary.Property.of(kept.get(i).toString(), kept.get(i + 1).toLong()));
            }
            events.add(new DaySummary.Event(e.get(0).toString(), e.get(1).toLong(), e.get(2).toInteger(), properties));
        }
        return DaySummary.of(day, done.get(1).toLong(), done.get(2).toInteger(), done.get(3).toLong(),
                done.get(4).toLong(), events);
    }

    /** Stores a day's summary JSON next to its counters for {@code ttl}. */
    public Uni<Void> storeSummary(LocalDate day, String summaryJson, Duration ttl) {
        return redis.value(String.class).set(AnalyticsKeys.daySummary(day), summaryJson, new SetArgs().ex(ttl));
    }

    /** A day's event → count, {@link #OTHER} included, read in slices of about {@code fieldsPerCall} fields. */
    public Uni<Map<String, String>> dayCounts(LocalDate day, int fieldsPerCall) {
        return slices(AnalyticsKeys.dayCounts(day), fieldsPerCall);
    }

    /**
     * A day's {@code <event>|<property>=<value>} → count, {@link #OTHER} included, read in slices of about
     * {@code fieldsPerCall} fields.
     */
    public Uni<Map<String, String>> dayProperties(LocalDate day, int fieldsPerCall) {
        return slices(AnalyticsKeys.dayProperties(day), fieldsPerCall);
    }

    /**
     * A whole hash, read like the roll-up reads a day: HSCAN slices of about {@code fieldsPerCall} fields, so no call
     * holds Redis for long whatever the size of the hash (one HGETALL of a full day held it for milliseconds). Not a
     * snapshot: a field HSCAN returns twice (the hash grew meanwhile) keeps the last count seen.
     */
    private Uni<Map<String, String>> slices(String key, int fieldsPerCall) {
        return redis.hash(String.class).hscan(key, new ScanArgs().count(fieldsPerCall)).toMulti().collect()
                .in(HashMap::new, (fields, field) -> fields.put(field.getKey(), field.getValue()));
    }

    /** Stores a report's content for {@code ttl}; answers the key that holds it (the reference a result gives). */
    public Uni<String> storeReport(String reportId, String content, Duration ttl) {
        String key = AnalyticsKeys.report(reportId);
        return redis.value(String.class).set(key, content, new SetArgs().ex(ttl)).replaceWith(key);
    }

    public Uni<Optional<String>> report(String reportId) {
        return redis.value(String.class).get(AnalyticsKeys.report(reportId)).map(Optional::ofNullable);
    }

    public Uni<UserActivity> userActivity(String userId, int max) {
        Uni<List<String>> recent = redis.list(String.class).lrange(AnalyticsKeys.userRecent(userId), 0, max - 1);
        Uni<String> email = redis.hash(String.class).hget(AnalyticsKeys.userProfile(userId), "email");
        return Uni.combine().all().unis(recent, email)
                .with((events, address) -> new UserActivity(events, Optional.ofNullable(address)));
    }
}
