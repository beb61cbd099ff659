package io.streamq.core.store;

/**
 * A worker of the registry: its last heartbeat JSON ({@code WorkerHeartbeat}), null once it expired, and when it was
 * last seen (index score, ms). A worker whose heartbeat expired is gone, though the index remembers it for an hour.
 */
public record WorkerBeat(String workerId, String heartbeatJson, long lastSeenAt) {

    public boolean alive() {
        return heartbeatJson != null;
    }
}
