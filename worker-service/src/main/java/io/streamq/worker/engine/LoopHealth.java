package io.streamq.worker.engine;

/** What one engine loop is doing. */
public record LoopHealth(String loop, State state, String detail) {

    public enum State { RUNNING, STALLED, DEAD, STOPPED }

    public boolean healthy() {
        return state == State.RUNNING;
    }
}
