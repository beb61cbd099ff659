package io.streamq.core.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.streamq.core.keys.IntegrationKeys;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What the email and plugin integrations remember between attempts and jobs (see docs/integrations.md). */
@ApplicationScoped
public class IntegrationStore {

    private final ReactiveRedisDataSource redis;

    public IntegrationStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Recipient → {@code sent} or {@code failed:<reason>} of one bulk email job. */
    public Uni<Map<String, String>> bulkRecipients(String campaignId, String jobId) {
        return redis.hash(String.class).hgetall(IntegrationKeys.bulkRecipients(campaignId, jobId));
    }

    public Uni<Void> recordBulkRecipients(String campaignId, String jobId, Map<String, String> outcomes, Duration ttl) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String key = IntegrationKeys.bulkRecipients(campaignId, jobId);
        return redis.hash(String.class).hset(key, outcomes)
                .chain(() -> redis.key().expire(key, ttl)).replaceWithVoid();
    }

    public Uni<Map<String, String>> installedPlugin(String pluginId) {
        return redis.hash(String.class).hgetall(IntegrationKeys.pluginInstalled(pluginId));
    }

    public Uni<Void> recordInstalledPlugin(String pluginId, Map<String, String> fields) {
        return redis.hash(String.class).hset(IntegrationKeys.pluginInstalled(pluginId), fields).replaceWithVoid();
    }

    public Uni<Optional<String>> pluginState(String pluginId) {
        return redis.value(String.class).get(IntegrationKeys.pluginState(pluginId)).map(Optional::ofNullable);
    }

    public Uni<Void> recordPluginState(String pluginId, String stateJson) {
        return redis.value(String.class).set(IntegrationKeys.pluginState(pluginId), stateJson, new SetArgs())
                .replaceWithVoid();
    }
}
