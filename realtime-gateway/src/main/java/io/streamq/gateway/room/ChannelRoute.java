package io.streamq.gateway.room;

import java.util.Set;

/**
 * Where the messages of one pub/sub channel go: the frame {@code type} they are sent as, the rooms that receive
 * them (a connection in several of them still gets each message once), and whether they may be dropped for a slow
 * client ({@code essential} ones never are).
 */
public record ChannelRoute(String channel, String frameType, Set<String> rooms, boolean essential) {
}
