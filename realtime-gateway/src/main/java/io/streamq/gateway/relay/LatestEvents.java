package io.streamq.gateway.relay;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.RealtimeKeys;
import io.streamq.gateway.config.GatewayConfig;
import io.streamq.gateway.room.ChannelRoute;
import io.streamq.gateway.room.Routes;
import io.streamq.gateway.room.Rooms;
import io.streamq.gateway.session.OutFrame;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The latest message of each channel (docs/realtime.md), kept in Redis for {@code streamq.gateway.latest-ttl}. Every
 * replica stores what it receives; they all receive the same messages, so they write the same values.
 */
@ApplicationScoped
public class LatestEvents {

    private static final Logger LOG = Logger.getLogger(LatestEvents.class);

    private final ReactiveValueCommands<String, String> values;
    private final Frames frames;
    private final long ttlSeconds;

    public LatestEvents(ReactiveRedisDataSource redis, Frames frames, GatewayConfig config) {
        this.values = redis.value(String.class, String.class);
        this.frames = frames;
        this.ttlSeconds = Math.max(1, config.latestTtl().toSeconds());
    }

    /** Fire and forget: a lost write only means a later client waits for the next event. */
    public void store(String channel, String payload) {
        set(RealtimeKeys.latest(channel), payload);
    }

    public void storeJobBatch(QueueName queue, String payload) {
        set(RealtimeKeys.latestJobEvents(queue), payload);
    }

    /** The stored latest frames for a client that just joined {@code rooms}, alerts first; one MGET. */
    public Uni<List<OutFrame>> framesFor(Set<String> rooms) {
        List<ChannelRoute> routes = Routes.into(rooms);
        List<QueueName> queues = rooms.stream().map(Rooms::queueOf).flatMap(Optional::stream).sorted().toList();
        List<String> keys = new ArrayList<>();
        routes.forEach(r -> keys.add(RealtimeKeys.latest(r.channel())));
        queues.forEach(q -> keys.add(RealtimeKeys.latestJobEvents(q)));
        if (keys.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return values.mget(keys.toArray(String[]::new)).map(found -> {
            List<OutFrame> out = new ArrayList<>();
            for (ChannelRoute route : routes) {
                String payload = found.get(RealtimeKeys.latest(route.channel()));
                if (payload != null) {
                    out.add(frames.event(route, payload, true));
                }
            }
            for (QueueName queue : queues) {
                String payload = found.get(RealtimeKeys.latestJobEvents(queue));
                if (payload != null) {
                    out.add(frames.latestJobBatch(Rooms.queue(queue), queue, payload));
                }
            }
            return out;
        });
    }

    private void set(String key, String payload) {
        values.set(key, payload, new SetArgs().ex(ttlSeconds)).subscribe().with(
                ok -> { },
                failure -> LOG.debugf("could not store the latest message under %s: %s", key, failure.toString()));
    }
}
