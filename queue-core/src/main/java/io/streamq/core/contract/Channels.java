package io.streamq.core.contract;

import java.util.List;

/** Redis pub/sub channels of the realtime events; the gateway relays them to WebSocket rooms. */
public final class Channels {
    private Channels() {
    }

    /** Job transitions; one message carries a batch of events of one queue. */
    public static final String JOB_EVENTS = "rt:queue:events";
    public static final String ALERTS = "rt:queue:alerts";
    public static final String DLQ_EVENTS = "rt:dlq:events";
    public static final String OWNER_ACTIONS = "rt:owner:actions";
    public static final String WORKERS = "rt:workers";
    public static final String WORKFLOW_EVENTS = "rt:workflows:events";
    public static final String ANALYTICS_EVENTS = "rt:analytics:events";
    public static final String PLUGIN_EVENTS = "rt:plugins:events";

    /**
     * Cancellations of active jobs, for the worker holding the lease (message {@code {"queue", "jobId", "worker",
     * "entry"}}). Internal: not relayed to owners.
     */
    public static final String JOB_CANCEL_REQUESTS = "ctl:jobs:cancel";
    /**
     * Jobs someone waits for (a producer's {@code GET /v1/jobs/{id}?wait=}) that reached a final state (message
     * {@code {"queue", "jobs": [{"jobId", "state"}]}}). Only jobs marked as watched are published. Internal.
     */
    public static final String JOB_FINISHED = "ctl:jobs:finished";

    /** The channels the gateway relays to owners. */
    public static List<String> all() {
        return List.of(JOB_EVENTS, ALERTS, DLQ_EVENTS, OWNER_ACTIONS, WORKERS, WORKFLOW_EVENTS, ANALYTICS_EVENTS,
                PLUGIN_EVENTS);
    }
}
