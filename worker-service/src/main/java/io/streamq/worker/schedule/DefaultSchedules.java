package io.streamq.worker.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamq.core.schedule.SaveOutcome;
import io.streamq.core.schedule.Schedule;
import io.streamq.core.schedule.ScheduleRead;
import io.streamq.core.schedule.ScheduleReader;
import io.streamq.core.schedule.ScheduleSpec;
import io.streamq.core.schedule.ScheduleStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The schedules the configuration ships ({@code streamq.schedules.defaults.<id>.*}): installed when absent (origin
 * {@code config}), left alone when present (an owner may have paused or changed one), and removed when switched off,
 * but only those the configuration installed. Each is read by the owner API's own {@link ScheduleReader}: a bad
 * default stops the worker at start, naming the property ({@link #check()}, before Redis is needed).
 */
@ApplicationScoped
public class DefaultSchedules {
    private static final Logger LOG = Logger.getLogger(DefaultSchedules.class);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ScheduleConfig config;
    private final ScheduleReader reader;
    private final ScheduleStore store;
    private final ObjectMapper mapper;

    public DefaultSchedules(ScheduleConfig config, ScheduleReader reader, ScheduleStore store, ObjectMapper mapper) {
        this.config = config;
        this.reader = reader;
        this.store = store;
        this.mapper = mapper;
    }

    /** Reads every enabled default without Redis: a bad one throws, naming its property. */
    void check() {
        config.defaults().forEach((id, d) -> {
            if (d.enabled()) {
                spec(id, d);
            }
        });
    }

    /** Installs the enabled defaults that are absent and removes the switched-off ones the configuration installed. */
    void install() {
        config.defaults().forEach((id, d) -> {
            if (d.enabled()) {
                SaveOutcome outcome = store.create(spec(id, d), Schedule.ORIGIN_CONFIG).await().atMost(WAIT);
                if (outcome == SaveOutcome.SAVED) {
                    LOG.infof("Installed the default schedule %s", id);
                } else if (outcome != SaveOutcome.EXISTS) {
                    LOG.warnf("Default schedule %s not installed: %s", id, outcome);
                }
            } else {
                store.find(id).await().atMost(WAIT).filter(s -> Schedule.ORIGIN_CONFIG.equals(s.origin()))
                        .ifPresent(s -> {
                            store.delete(id).await().atMost(WAIT);
                            LOG.infof("Removed the default schedule %s (switched off)", id);
                        });
            }
        });
    }

    private ScheduleSpec spec(String id, ScheduleConfig.DefaultSchedule d) {
        String property = "streamq.schedules.defaults." + id;
        ObjectNode body = mapper.createObjectNode().put("id", id).put("jobName", d.jobName())
                .put("missedRuns", d.missedRuns());
        try {
            body.set("payload", mapper.readTree(d.payload()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(property + ".payload is not JSON: " + e.getOriginalMessage());
        }
        d.cron().ifPresent(c -> body.put("cron", c));
        d.timezone().ifPresent(z -> body.put("timezone", z));
        d.everyMs().ifPresent(ms -> body.put("everyMs", ms));
        ScheduleRead read = reader.read(body, null);
        if (read instanceof ScheduleRead.Invalid invalid) {
            throw new IllegalStateException(invalid.errors().stream()
                    .map(e -> property + "." + e.field() + ": " + e.message()).collect(Collectors.joining("; ")));
        }
        return ((ScheduleRead.Valid) read).spec();
    }
}
