package io.streamq.gateway.session;

/**
 * One serialized frame for clients. Serialized once and shared by every connection that receives it.
 * {@code priority} says what a slow client's {@link Outbox} may drop: see {@link Priority}.
 */
public record OutFrame(String json, Priority priority) {

    /** What a slow client may lose, least valuable first (the declaration order is the drop order). */
    public enum Priority {
        /**
         * Job progress: the next report of the same job supersedes it, so it goes first, and it never pushes out a
         * frame of a higher priority.
         */
        PROGRESS,
        /** Coalescible frames (job summaries, job events, heartbeats, domain events): a slow client may lose them. */
        COALESCIBLE,
        /** Alerts, DLQ events, owner actions and replies to the client: never dropped. */
        ESSENTIAL
    }

    public static OutFrame essential(String json) {
        return new OutFrame(json, Priority.ESSENTIAL);
    }

    public static OutFrame droppable(String json) {
        return new OutFrame(json, Priority.COALESCIBLE);
    }

    public static OutFrame progress(String json) {
        return new OutFrame(json, Priority.PROGRESS);
    }

    public boolean droppable() {
        return priority != Priority.ESSENTIAL;
    }
}
