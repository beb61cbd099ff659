package io.streamq.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a private {@link RedisTestServer} for a {@code @QuarkusTest} and points the Quarkus Redis client at it:
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(RedisTestResource.class)
 * class MyTest { ... }
 * }</pre>
 *
 * The running server is reachable from the test through {@link #server()} (the last one started in this JVM).
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile RedisTestServer current;

    private RedisTestServer server;

    @Override
    public Map<String, String> start() {
        server = new RedisTestServer();
        current = server;
        return Map.of("quarkus.redis.hosts", server.uri());
    }

    @Override
    public void stop() {
        RedisTestServer s = server;
        server = null;
        if (s != null) {
            if (current == s) {
                current = null;
            }
            s.close();
        }
    }

    /** The server started by the most recent {@link #start()} in this JVM that is not stopped yet. */
    public static RedisTestServer server() {
        RedisTestServer s = current;
        if (s == null) {
            throw new IllegalStateException("no RedisTestResource is running");
        }
        return s;
    }
}
