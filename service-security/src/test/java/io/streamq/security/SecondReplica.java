package io.streamq.security;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.streamq.core.script.ScriptRunner;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * What another replica of a service has: its own Redis client (own connections) to the same Redis, and its own
 * library objects built on it. Nothing is shared with the application under test but the Redis server.
 */
final class SecondReplica implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Redis client;
    final ReactiveRedisDataSource redis;
    final ScriptRunner scripts;

    SecondReplica(String uri) {
        client = Redis.createClient(vertx, uri);
        redis = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
        scripts = new ScriptRunner(redis);
    }

    @Override
    public void close() {
        client.close();
        vertx.closeAndAwait();
    }
}
