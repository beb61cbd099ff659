package io.streamq.worker.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.AnalyticsTrackEvent;
import io.streamq.core.store.AnalyticsStore;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * analytics.track-event: counts the event in its UTC day with a breakdown by scalar property values, once per job
 * however often it runs. Both are bounded per day; what a full day cannot hold is counted in {@code ~other}. When
 * {@code properties.userId} is present the event is also pushed onto the user's recent-events list that digests
 * read, and {@code properties.email} records where the user's digests go. The analytics room hears of it in the
 * worker's per-second counts ({@link TrackedEvents}), never with its properties.
 */
@ApplicationScoped
public class AnalyticsTrackEventHandler implements JobHandler {

    public record Result(String event, LocalDate day, boolean counted, long dayCount, int propertiesRecorded,
                         int propertiesFolded, boolean eventFolded) {
    }

    private final AnalyticsStore store;
    private final ObjectMapper mapper;
    private final IntegrationsConfig.Analytics config;
    private final TrackedEvents live;

    public AnalyticsTrackEventHandler(AnalyticsStore store, ObjectMapper mapper, IntegrationsConfig config,
                                      TrackedEvents live) {
        this.store = store;
        this.mapper = mapper;
        this.config = config.analytics();
        this.live = live;
    }

    @Override
    public JobType type() {
        return JobType.ANALYTICS_TRACK_EVENT;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        AnalyticsTrackEvent job = context.payload(AnalyticsTrackEvent.class);
        LocalDate day = job.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
        Map<String, Object> properties = job.properties() == null ? Map.of() : job.properties();
        List<String> breakdown = new ArrayList<>();
        properties.forEach((name, value) -> {
            if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                breakdown.add(clean(name) + "=" + cut(String.valueOf(value)));
            }
        });
        String userId = scalar(properties.get("userId"));
        String email = scalar(properties.get("email"));
        if (email != null && !email.contains("@")) {
            email = null;
        }
        String recent = null;
        if (userId != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("event", job.event());
            entry.put("occurredAt", job.occurredAt().toString());
            entry.put("properties", properties);
            recent = mapper.writeValueAsString(entry);
        }
        AnalyticsStore.DayBounds bounds = new AnalyticsStore.DayBounds(config.dayTtl(), config.maxEventsPerDay(),
                config.maxPropertyFieldsPerDay());
        AnalyticsStore.Tracked tracked = store.track(context.job().jobId(), job.event(), day, breakdown, bounds,
                        userId, recent, config.userRecentMax(), config.userRecentTtl(), email)
                .await().atMost(context.timeout());
        if (tracked.counted()) {
            live.tracked(job.event(), context.job().tenant(), context.job().jobId());
            context.log("Counted %s on %s%s: day count %d, %d properties recorded, %d folded into ~other",
                    job.event(), day, tracked.eventFolded() ? " as ~other" : "", tracked.dayCount(),
                    tracked.propertiesRecorded(), tracked.propertiesFolded());
        } else {
            context.log("%s on %s was counted by an earlier attempt", job.event(), day);
        }
        return new Result(job.event(), day, tracked.counted(), tracked.dayCount(), tracked.propertiesRecorded(),
                tracked.propertiesFolded(), tracked.eventFolded());
    }

    private static String scalar(Object value) {
        return value instanceof String || value instanceof Number ? String.valueOf(value) : null;
    }

    /** Property names may not contain the separators of the breakdown's fields. */
    private static String clean(String name) {
        return name.replace('|', '_').replace('=', '_');
    }

    private String cut(String value) {
        return value.length() > config.maxValueLength() ? value.substring(0, config.maxValueLength()) : value;
    }
}
