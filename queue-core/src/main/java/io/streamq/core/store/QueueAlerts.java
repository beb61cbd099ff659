package io.streamq.core.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.MonitorKeys;
import io.streamq.core.script.AdminCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * The alert state of each queue in Redis, so that any number of monitor replicas publish a transition once; and the
 * queue's history of published alerts.
 */
@ApplicationScoped
public class QueueAlerts {

    public enum Result { PUBLISHED, UNCHANGED, COOLING_DOWN }

    /** Alerts kept per queue: at one transition per cooldown (5 min by default), at least the last 16 hours. */
    public static final int HISTORY_LENGTH = 200;

    private final ScriptRunner scripts;
    private final ReactiveRedisDataSource redis;

    public QueueAlerts(ScriptRunner scripts, ReactiveRedisDataSource redis) {
        this.scripts = scripts;
        this.redis = redis;
    }

    /**
     * Records whether the queue is critical; publishes {@code alertJson} (a JSON object; {@code ts} and
     * {@code previous} are added) on {@link Channels#ALERTS} when that changed and the cooldown has passed.
     */
    public Uni<Result> transition(QueueName queue, boolean critical, Duration cooldown, String alertJson) {
        return scripts.run(ScriptCall.of(AdminCommands.ALERT_TRANSITION)
                        .key("alert state hash", MonitorKeys.alertState(queue))
                        .key("alert history list", MonitorKeys.alertHistory(queue))
                        .arg("status", critical ? "critical" : "ok").arg("cooldown ms", cooldown.toMillis())
                        .arg("channel", Channels.ALERTS).arg("alert JSON object", alertJson)
                        .arg("history length", HISTORY_LENGTH))
                .map(r -> switch (r.get(0).toInteger()) {
                    case 1 -> Result.PUBLISHED;
                    case -1 -> Result.COOLING_DOWN;
                    default -> Result.UNCHANGED;
                });
    }

    /** The queue's newest {@code limit} published alerts (JSON as published, {@code ts} included), newest first. */
    public Uni<List<String>> history(QueueName queue, int limit) {
        return redis.list(String.class).lrange(MonitorKeys.alertHistory(queue), 0, limit - 1L);
    }
}
