package io.streamq.security.error;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.redis.client.impl.types.ErrorType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failures the Vert.x Redis client reports, in the shapes it reports them (error replies are its own ErrorType),
 * sorted into "Redis unavailable" (503) and everything else (500). The connection-refused case end to end is in
 * producer-service's RedisOutageTest.
 */
class RedisUnavailableTest {

    @Test
    void serverStatesThatPassAreUnavailable() {
        assertThat(RedisUnavailable.causedBy(ErrorType.create("LOADING Redis is loading the dataset in memory"))).isTrue();
        assertThat(RedisUnavailable.causedBy(ErrorType.create(
                "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'."))).isTrue();
        assertThat(RedisUnavailable.causedBy(ErrorType.create("READONLY You can't write against a read only replica.")))
                .isTrue();
        assertThat(RedisUnavailable.causedBy(ErrorType.create("CLUSTERDOWN The cluster is down"))).isTrue();
    }

    @Test
    void lostOrRefusedConnectionsAreUnavailable() {
        assertThat(RedisUnavailable.causedBy(new ConnectException("Connection refused: /127.0.0.1:6379"))).isTrue();
        assertThat(RedisUnavailable.causedBy(new ConnectTimeoutException("connection timed out"))).isTrue();
        assertThat(RedisUnavailable.causedBy(ErrorType.create("CONNECTION_CLOSED"))).isTrue();
        assertThat(RedisUnavailable.causedBy(new NoStackTraceThrowable("Connection is closed"))).isTrue();
        assertThat(RedisUnavailable.causedBy(new IOException("recvAddress(..) failed: Connection reset by peer")))
                .isTrue();
    }

    @Test
    void causesAreFollowed() {
        assertThat(RedisUnavailable.causedBy(new CompletionException(new IllegalStateException("enqueue failed",
                ErrorType.create("LOADING Redis is loading the dataset in memory"))))).isTrue();
    }

    @Test
    void otherFailuresAreBugs() {
        assertThat(RedisUnavailable.causedBy(ErrorType.create("ERR Invalid stream ID specified as stream command argument")))
                .isFalse();
        assertThat(RedisUnavailable.causedBy(ErrorType.create(
                "WRONGTYPE Operation against a key holding the wrong kind of value"))).isFalse();
        assertThat(RedisUnavailable.causedBy(ErrorType.create("NOSCRIPT No matching script"))).isFalse();
        assertThat(RedisUnavailable.causedBy(new IllegalStateException("Connection refused by policy"))).isFalse();
        assertThat(RedisUnavailable.causedBy(new NoStackTraceThrowable("something else"))).isFalse();
        assertThat(RedisUnavailable.causedBy(new IOException("disk full"))).isFalse();
    }
}
