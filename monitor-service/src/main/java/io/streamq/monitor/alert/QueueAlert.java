package io.streamq.monitor.alert;

import io.streamq.monitor.health.HealthIssue;

import java.util.List;

/**
 * A {@code queue.alert} message on {@code Channels.ALERTS}: {@code status} is {@code critical} when the queue turned
 * critical and {@code recovered} when it left critical. The alert script adds {@code ts} (Redis clock) and
 * {@code previous}.
 */
public record QueueAlert(String type, String queue, String status, int score, String health,
                         List<HealthIssue> issues) {

    public static final String TYPE = "queue.alert";
}
