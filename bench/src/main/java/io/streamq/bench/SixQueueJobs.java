package io.streamq.bench;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The jobs of the six-queue run: one cheap valid type per work queue, the i-th job on queue {@code i % 6} (in
 * {@link QueueName#workQueues()} order), so any N spreads evenly. Five of the types call a peer that
 * {@link QueuePeers} plays; {@code analytics.track-event} only counts in Redis and {@code system.health-check} does
 * nothing. The ids are fixed so the peers answer every job from one route each.
 */
record SixQueueJobs(Instant occurredAt) {

    static final List<QueueName> QUEUES = QueueName.workQueues();
    static final String WORKFLOW_ID = "bench-flow";
    static final String PLUGIN_ID = "bench-plugin";
    static final String PLUGIN_VERSION = "1.0.0";
    /** The type each queue's jobs have. */
    static final Map<QueueName, JobType> TYPES = Map.of(QueueName.AI, JobType.AI_MODERATE_CONTENT,
            QueueName.WORKFLOWS, JobType.WORKFLOW_START_RUN, QueueName.ANALYTICS, JobType.ANALYTICS_TRACK_EVENT,
            QueueName.EMAIL, JobType.EMAIL_SEND_TRANSACTIONAL, QueueName.PLUGINS, JobType.PLUGIN_INSTALL,
            QueueName.SYSTEM, JobType.SYSTEM_HEALTH_CHECK);

    /** The queue of the i-th job. */
    static QueueName queue(int i) {
        return QUEUES.get(i % QUEUES.size());
    }

    /** How many of jobs 0 to n - 1 go to {@code queue}. */
    static long count(QueueName queue, int n) {
        int index = QUEUES.indexOf(queue);
        return index < 0 || index >= n ? 0 : (n - 1 - index) / QUEUES.size() + 1;
    }

    static List<QueueKeys> queueKeys() {
        return QUEUES.stream().map(QueueKeys::of).toList();
    }

    /** The i-th job as an item of a bulk request. */
    String job(int i) {
        QueueName queue = queue(i);
        return "{\"name\":\"" + TYPES.get(queue).wireName() + "\",\"payload\":" + payload(queue, i) + "}";
    }

    private String payload(QueueName queue, int i) {
        return switch (queue) {
            case AI -> "{\"contentId\":\"c-" + i + "\",\"text\":\"bench comment " + i + "\"}";
            case WORKFLOWS -> "{\"workflowId\":\"" + WORKFLOW_ID + "\",\"input\":{\"n\":" + i + "}}";
            case ANALYTICS -> "{\"event\":\"bench.viewed\",\"occurredAt\":\"" + occurredAt
                    + "\",\"properties\":{\"plan\":\"pro\"}}";
            case EMAIL -> "{\"to\":\"bench@example.test\",\"template\":\"welcome\","
                    + "\"variables\":{\"name\":\"Bench\"}}";
            case PLUGINS -> "{\"pluginId\":\"" + PLUGIN_ID + "\",\"version\":\"" + PLUGIN_VERSION + "\"}";
            case SYSTEM -> "{\"probe\":\"bench\"}";
            case DLQ -> throw new IllegalStateException("the DLQ is not a work queue");
        };
    }
}
