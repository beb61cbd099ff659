package io.streamq.gateway.room;

import io.streamq.core.contract.Channels;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The routing table of the channels relayed message by message. {@link Channels#JOB_EVENTS} is not here: its
 * batches are coalesced per room (see {@code JobCoalescer}). The order is the order of the "latest" frames a client
 * receives on connect: alerts first.
 */
public final class Routes {
    private Routes() {
    }

    public static final List<ChannelRoute> ALL = List.of(
            new ChannelRoute(Channels.ALERTS, "alert", Set.of(Rooms.GLOBAL, Rooms.ALERTS), true),
            new ChannelRoute(Channels.OWNER_ACTIONS, "owner_action", Set.of(Rooms.GLOBAL), true),
            new ChannelRoute(Channels.DLQ_EVENTS, "dlq_event", Set.of(Rooms.DLQ), true),
            new ChannelRoute(Channels.WORKERS, "worker", Set.of(Rooms.ALERTS), false),
            new ChannelRoute(Channels.WORKFLOW_EVENTS, "workflow_event", Set.of(Rooms.WORKFLOWS), false),
            new ChannelRoute(Channels.ANALYTICS_EVENTS, "analytics_event", Set.of(Rooms.ANALYTICS), false),
            new ChannelRoute(Channels.PLUGIN_EVENTS, "plugin_event", Set.of(Rooms.PLUGINS), false));

    public static Optional<ChannelRoute> of(String channel) {
        return ALL.stream().filter(r -> r.channel().equals(channel)).findFirst();
    }

    /** Routes that deliver to at least one of {@code rooms}, in table order. */
    public static List<ChannelRoute> into(Set<String> rooms) {
        return ALL.stream().filter(r -> r.rooms().stream().anyMatch(rooms::contains)).toList();
    }
}
