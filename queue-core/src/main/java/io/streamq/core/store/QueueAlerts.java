package io.streamq.core.store;

import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.MonitorKeys;
import io.streamq.core.script.AdminCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** The alert state of each queue in Redis, so that any number of monitor replicas publish a transition once. */
@ApplicationScoped
public class QueueAlerts {

    public enum Result { PUBLISHED, UNCHANGED, COOLING_DOWN }

    private final ScriptRunner scripts;

    public QueueAlerts(ScriptRunner scripts) {
        this.scripts = scripts;
    }

    /**
     * Records whether the queue is critical; publishes {@code alertJson} (a JSON object; {@code ts} and
     * {@code previous} are added) on {@link Channels#ALERTS} when that changed and the cooldown has passed.
     */
    public Uni<Result> transition(QueueName queue, boolean critical, Duration cooldown, String alertJson) {
        return scripts.run(ScriptCall.of(AdminCommands.ALERT_TRANSITION)
                        .key("alert state hash", MonitorKeys.alertState(queue))
                        .arg("status", critical ? "critical" : "ok").arg("cooldown ms", cooldown.toMillis())
                        .arg("channel", Channels.ALERTS).arg("alert JSON object", alertJson))
                .map(r -> switch (r.get(0).toInteger()) {
                    case 1 -> Result.PUBLISHED;
                    case -1 -> Result.COOLING_DOWN;
                    default -> Result.UNCHANGED;
                });
    }
}
