package io.streamq.gateway.session;

/**
 * One serialized frame for clients. Serialized once and shared by every connection that receives it.
 * {@code droppable}: a coalescible frame (job summaries, job events, heartbeats, domain events) that a slow client
 * may lose; alerts, DLQ events, owner actions and replies to the client are not.
 */
public record OutFrame(String json, boolean droppable) {

    public static OutFrame essential(String json) {
        return new OutFrame(json, false);
    }

    public static OutFrame droppable(String json) {
        return new OutFrame(json, true);
    }
}
