package io.streamq.core.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.streamq.core.keys.AnalyticsKeys;
import io.streamq.core.script.HandlerCommands;
import io.streamq.core.script.ScriptRunner;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** A user's recent event for digests, and the address to send them to when one was tracked. */
    public record UserActivity(List<String> recentEventsJson, Optional<String> email) {
    }

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
        List<String> keys = new ArrayList<>(List.of(AnalyticsKeys.counted(jobId), AnalyticsKeys.dayCounts(day),
                AnalyticsKeys.dayProperties(day), AnalyticsKeys.days()));
        if (userId != null) {
            keys.add(AnalyticsKeys.userRecent(userId));
            keys.add(AnalyticsKeys.userProfile(userId));
        }
        List<String> args = new ArrayList<>(List.of(event, Long.toString(day.toEpochDay()), day.toString(),
                Long.toString(bounds.ttl().toSeconds()), Integer.toString(bounds.maxEvents()),
                Integer.toString(bounds.maxPropertyFields()),
                Long.toString(Duration.ofDays(2).toSeconds()), userId == null ? "" : recentJson,
                Integer.toString(recentMax), Long.toString(recentTtl.toSeconds()),
                userId == null || email == null ? "" : email, Integer.toString(properties.size())));
        args.addAll(properties);
        return scripts.run(HandlerCommands.TRACK_EVENT, keys, args).map(r -> new Tracked(r.get(0).toInteger() == 1,
                r.get(1).toLong(), r.get(2).toInteger(), r.get(3).toInteger(), r.get(4).toInteger() == 1));
    }

    /** Rolls a day up; answers the summary JSON, also stored for {@code ttl}. */
    public Uni<String> aggregateDay(LocalDate day, Duration ttl, int topProperties) {
        return scripts.run(HandlerCommands.AGGREGATE_DAY, List.of(AnalyticsKeys.dayCounts(day),
                        AnalyticsKeys.dayProperties(day), AnalyticsKeys.daySummary(day)),
                List.of(day.toString(), Long.toString(ttl.toSeconds()), Integer.toString(topProperties)))
                .map(Response::toString);
    }

    public Uni<Map<String, String>> dayCounts(LocalDate day) {
        return redis.hash(String.class).hgetall(AnalyticsKeys.dayCounts(day));
    }

    public Uni<Map<String, String>> dayProperties(LocalDate day) {
        return redis.hash(String.class).hgetall(AnalyticsKeys.dayProperties(day));
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
