package io.streamq.gateway.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobEvent;
import io.streamq.core.job.JobEventBatch;
import io.streamq.gateway.config.GatewayConfig;
import io.streamq.gateway.room.Routes;
import io.streamq.gateway.room.Rooms;
import io.streamq.gateway.session.Sessions;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Relays every channel of {@link Channels#all()} to the rooms: message by message for the routed channels
 * ({@link Routes}), coalesced per tick for job events. Failed, stalled, paused and resumed job events are also sent
 * one by one: they are what an owner acts on, and they are rare next to the waiting/active/completed stream.
 */
@ApplicationScoped
public class RelayService {

    private static final Logger LOG = Logger.getLogger(RelayService.class);
    /** Job event states sent individually besides being counted. */
    private static final Set<String> INDIVIDUAL = Set.of("failed", "stalled", "paused", "resumed");

    private final ReactiveRedisDataSource redis;
    private final Sessions sessions;
    private final Frames frames;
    private final LatestEvents latest;
    private final GatewayConfig config;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final JobCoalescer coalescer = new JobCoalescer(System.currentTimeMillis());

    private ChannelRelay relay;
    private long timer = -1;

    public RelayService(ReactiveRedisDataSource redis, Sessions sessions, Frames frames, LatestEvents latest,
                        GatewayConfig config, ObjectMapper json, Vertx vertx) {
        this.redis = redis;
        this.sessions = sessions;
        this.frames = frames;
        this.latest = latest;
        this.config = config;
        this.json = json;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        relay = new ChannelRelay(redis, Channels.all(), this::onMessage, config.resubscribeDelay());
        // Not awaited: the gateway starts even while Redis is down; readiness reports the subscription.
        relay.start().subscribe().with(ok -> { }, failure -> {
            LOG.warnf("cannot subscribe to Redis yet (%s)", failure.toString());
            vertx.setTimer(config.resubscribeDelay().toMillis(), t -> onRetry());
        });
        timer = vertx.setPeriodic(config.coalesceInterval().toMillis(), t -> flush());
    }

    private void onRetry() {
        relay.start().subscribe().with(ok -> { }, failure ->
                vertx.setTimer(config.resubscribeDelay().toMillis(), t -> onRetry()));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (relay != null) {
            relay.close();
        }
    }

    public boolean subscribed() {
        return relay != null && relay.subscribed();
    }

    void onMessage(String channel, String payload) {
        if (Channels.JOB_EVENTS.equals(channel)) {
            onJobEvents(payload);
            return;
        }
        Routes.of(channel).ifPresent(route -> {
            latest.store(channel, payload);
            sessions.toRooms(route.rooms(), frames.event(route, payload, false));
        });
    }

    private void onJobEvents(String payload) {
        JobEventBatch batch;
        try {
            batch = json.readValue(payload, JobEventBatch.class);
        } catch (Exception e) {
            LOG.debugf("ignored a job-event message that is not a batch: %s", e.getMessage());
            return;
        }
        Optional<QueueName> queue = Optional.ofNullable(batch.queue()).flatMap(QueueName::fromWire);
        if (queue.isEmpty() || batch.events() == null) {
            return;
        }
        QueueName q = queue.get();
        String room = Rooms.queue(q);
        for (JobEvent e : batch.events()) {
            String state = e.state() == null ? "unknown" : e.state();
            coalescer.count(q, state);
            if (INDIVIDUAL.contains(state)) {
                sessions.toRoom(room, frames.jobEvent(room, q, e));
            }
        }
        coalescer.latest(q, payload);
    }

    /**
     * One tick: the summary of each queue to its room, then the summary of all queues to {@code global}. Queue rooms
     * go first so that a global summary also marks that the queue summaries of the same tick are already queued.
     */
    void flush() {
        JobCoalescer.Tick tick = coalescer.drain(System.currentTimeMillis());
        if (tick.isEmpty()) {
            return;
        }
        tick.latest().forEach(latest::storeJobBatch);
        if (tick.counts().isEmpty()) {
            return;
        }
        tick.counts().forEach((queue, counts) -> {
            String room = Rooms.queue(queue);
            sessions.toRoom(room, frames.jobSummary(room, tick.from(), tick.to(), Map.of(queue, counts)));
        });
        sessions.toRoom(Rooms.GLOBAL, frames.jobSummary(Rooms.GLOBAL, tick.from(), tick.to(), tick.counts()));
    }
}
