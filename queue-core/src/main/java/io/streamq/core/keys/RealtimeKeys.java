package io.streamq.core.keys;

import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;

/**
 * Keys of the realtime gateway: the latest message of each pub/sub channel, kept a short while (60 s) so that a
 * client connecting or subscribing sees the current state at once instead of waiting for the next event.
 *
 * <p>All share the hash tag {@code {rt}}: a client's whole "latest" set is one {@code MGET}, also on Redis Cluster.
 * The job-events channel carries batches of every queue, so its latest message is kept per queue (a client in room
 * {@code queue:ai} wants ai's latest batch, not whichever queue spoke last).
 */
public final class RealtimeKeys {
    private RealtimeKeys() {
    }

    private static final String PREFIX = "rt:{rt}:latest:";

    /** String with a TTL: the latest message published on {@code channel} (one of {@link Channels#all()}). */
    public static String latest(String channel) {
        return PREFIX + channel;
    }

    /** String with a TTL: the latest {@link Channels#JOB_EVENTS} batch of one queue. */
    public static String latestJobEvents(QueueName queue) {
        return PREFIX + Channels.JOB_EVENTS + ":" + queue.wireName();
    }
}
