package io.streamq.security.error;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Whether a failure means Redis cannot serve right now (down, restarting, loading its data, failing over) rather
 * than a bug: such a request is answered 503 with Retry-After, since the same request will work once Redis is back.
 * Anything else stays a 500. The shapes are those of the Vert.x Redis client under the Quarkus client:
 *
 * <ul>
 * <li>no connection: {@link ConnectException} (refused, connect timeout, a failed handshake);</li>
 * <li>a connection lost: the client's {@code CONNECTION_CLOSED} error for commands in flight, "Connection is closed"
 * for one sent on it afterwards, or the socket's own error (reset, broken pipe);</li>
 * <li>a server that is up but cannot serve: the error replies {@code LOADING}, {@code MASTERDOWN}, {@code READONLY}
 * (a demoted master during a failover), {@code CLUSTERDOWN} and {@code TRYAGAIN} (a cluster resharding).</li>
 * </ul>
 */
public final class RedisUnavailable {

    private static final Set<String> UNAVAILABLE_REPLIES =
            Set.of("CONNECTION_CLOSED", "LOADING", "MASTERDOWN", "READONLY", "CLUSTERDOWN", "TRYAGAIN");
    private static final String CLOSED = "Connection is closed";

    private RedisUnavailable() {
    }

    /** Whether {@code failure} or one of its causes says Redis is unavailable. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (is(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean is(Throwable t) {
        if (t instanceof ConnectException || t instanceof SocketException || t instanceof ClosedChannelException) {
            return true;
        }
        if (t instanceof Response reply && reply.type() == ResponseType.ERROR) {
            return UNAVAILABLE_REPLIES.contains(firstWord(t.getMessage()));
        }
        if (t instanceof NoStackTraceThrowable) {
            return CLOSED.equals(t.getMessage());
        }
        // Netty's native transport reports a reset as a plain IOException ("recvAddress(..) failed: Connection reset
        // by peer").
        return t instanceof IOException && t.getMessage() != null
                && (t.getMessage().contains("Connection reset") || t.getMessage().contains("Broken pipe"));
    }

    private static String firstWord(String message) {
        if (message == null) {
            return "";
        }
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }
}
