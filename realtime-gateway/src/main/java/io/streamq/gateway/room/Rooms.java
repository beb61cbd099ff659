package io.streamq.gateway.room;

import io.streamq.core.contract.QueueName;

import java.util.Optional;

/** Room names. Every connection is in {@link #GLOBAL}; the others are joined with {@code subscribe_*} messages. */
public final class Rooms {
    private Rooms() {
    }

    /** Alerts, owner actions and the coalesced job summary of all queues. */
    public static final String GLOBAL = "global";
    public static final String WORKFLOWS = "workflows";
    public static final String ANALYTICS = "analytics";
    public static final String PLUGINS = "plugins";
    public static final String DLQ = "dlq";
    /** Alerts and worker heartbeats: the operational view. */
    public static final String ALERTS = "alerts";

    private static final String QUEUE_PREFIX = "queue:";
    private static final String JOB_PREFIX = "job:";

    public static String queue(QueueName queue) {
        return QUEUE_PREFIX + queue.wireName();
    }

    /** The queue of a {@code queue:<name>} room. */
    public static Optional<QueueName> queueOf(String room) {
        return room.startsWith(QUEUE_PREFIX) ? QueueName.fromWire(room.substring(QUEUE_PREFIX.length()))
                : Optional.empty();
    }

    /** The room of one job: every event of that job, one by one. {@code jobId} is checked by the caller. */
    public static String job(String jobId) {
        return JOB_PREFIX + jobId;
    }

    /** The job id of a {@code job:<id>} room. */
    public static Optional<String> jobOf(String room) {
        return room.startsWith(JOB_PREFIX) ? Optional.of(room.substring(JOB_PREFIX.length())) : Optional.empty();
    }

    public static boolean isJob(String room) {
        return room.startsWith(JOB_PREFIX);
    }
}
