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

    /** String with a TTL of one refresh period: the monitor replica that set it refreshes the queue this period. */
    public static String refreshTurn(QueueName queue) {
        return "q:" + QueueKeys.of(queue).tag() + ":monitor:turn";
    }
}
