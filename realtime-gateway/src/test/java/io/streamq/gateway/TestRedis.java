package io.streamq.gateway;

import io.streamq.core.contract.Channels;
import io.streamq.testing.RedisTestResource;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Raw access to the test's private redis-server. */
final class TestRedis {
    private TestRedis() {
    }

    static void publish(String channel, String message) {
        RedisTestResource.server().command("PUBLISH", channel, message);
    }

    /** Subscribers of {@code channel} across all connections (PUBSUB NUMSUB). */
    static int subscribers(String channel) {
        String[] reply = RedisTestResource.server().command("PUBSUB", "NUMSUB", channel).split("\n");
        return Integer.parseInt(reply[1]);
    }

    /** The gateway subscribes at startup without blocking it; tests publish only once it listens. */
    static void awaitGatewaySubscribed() {
        await().atMost(Duration.ofSeconds(20)).until(() -> subscribers(Channels.JOB_EVENTS) >= 1);
    }

    static String get(String key) {
        return RedisTestResource.server().command("GET", key);
    }
}
