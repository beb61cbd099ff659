package io.streamq.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a private three-master {@link RedisTestCluster} for a {@code @QuarkusTest} and points the Quarkus Redis
 * client at it in cluster mode:
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(RedisClusterTestResource.class)
 * class MyClusterTest { ... }
 * }</pre>
 *
 * The running cluster is reachable from the test through {@link #cluster()} (the last one started in this JVM).
 */
public class RedisClusterTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile RedisTestCluster current;

    private RedisTestCluster cluster;

    @Override
    public Map<String, String> start() {
        cluster = new RedisTestCluster();
        current = cluster;
        return Map.of(
                "quarkus.redis.client-type", "cluster",
                "quarkus.redis.hosts", cluster.hosts());
    }

    @Override
    public void stop() {
        RedisTestCluster c = cluster;
        cluster = null;
        if (c != null) {
            if (current == c) {
                current = null;
            }
            c.close();
        }
    }

    /** The cluster started by the most recent {@link #start()} in this JVM that is not stopped yet. */
    public static RedisTestCluster cluster() {
        RedisTestCluster c = current;
        if (c == null) {
            throw new IllegalStateException("no RedisClusterTestResource is running");
        }
        return c;
    }
}
