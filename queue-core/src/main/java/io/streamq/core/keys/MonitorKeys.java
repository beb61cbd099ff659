package io.streamq.core.keys;

import io.streamq.core.contract.QueueName;

/**
 * Keys monitor-service owns beside a queue's own (see {@link QueueKeys} for the report cache keys). They carry the
 * queue's hash tag, so the alert script touches one slot.
 */
public final class MonitorKeys {
    private MonitorKeys() {
    }

    /** Hash {@code status} (critical / ok) and {@code changedAt}: the last published alert state of the queue. */
    public static String alertState(QueueName queue) {
        return "q:" + QueueKeys.of(queue).tag() + ":alert";
    }

    /**
     * List of the queue's published alerts (the JSON of {@code Channels.ALERTS}), newest first, bounded; written by
     * the alert script with the state, so it holds exactly what was published.
     */
    public static String alertHistory(QueueName queue) {
        return "q:" + QueueKeys.of(queue).tag() + ":alert:history";
    }

    /** String with a TTL of one refresh period: the monitor replica that set it refreshes the queue this period. */
    public static String refreshTurn(QueueName queue) {
        return "q:" + QueueKeys.of(queue).tag() + ":monitor:turn";
    }
}
