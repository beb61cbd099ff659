package io.streamq.gateway.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamq.core.contract.Channels;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobEvent;
import io.streamq.core.job.JobEventBatch;
import io.streamq.core.pubsub.ChannelSubscription;
import io.streamq.gateway.config.GatewayConfig;
import io.streamq.gateway.room.Routes;
import io.streamq.gateway.room.Rooms;
import io.streamq.gateway.session.ClientSession;
import io.streamq.gateway.session.JobRooms;
import io.streamq.gateway.session.OutFrame;
import io.streamq.gateway.session.Sessions;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Relays every channel of {@link Channels#all()} to the rooms: message by message for the routed channels
 * ({@link Routes}), coalesced per tick for job events. In a queue room, the states of
 * {@link JobEventStates#INDIVIDUAL} are also sent one by one, and progress once per job per tick; a job room gets
 * every event of its job as it comes.
 */
@ApplicationScoped
public class RelayService {

    private static final Logger LOG = Logger.getLogger(RelayService.class);

    private final ReactiveRedisDataSource redis;
    private final Sessions sessions;
    private final JobRooms jobRooms;
    private final Frames frames;
    private final LatestEvents latest;
    private final GatewayConfig config;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final JobCoalescer coalescer = new JobCoalescer(System.currentTimeMillis());
    private final ProgressCoalescer progress = new ProgressCoalescer(this::toQueueRoom);

    private ChannelSubscription relay;
    private long timer = -1;

    public RelayService(ReactiveRedisDataSource redis, Sessions sessions, JobRooms jobRooms, Frames frames,
                        LatestEvents latest, GatewayConfig config, ObjectMapper json, Vertx vertx) {
        this.redis = redis;
        this.sessions = sessions;
        this.jobRooms = jobRooms;
        this.frames = frames;
        this.latest = latest;
        this.config = config;
        this.json = json;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        relay = new ChannelSubscription(redis, Channels.all(), this::onMessage, config.resubscribeDelay());
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
        boolean transitions = false;
        for (JobEvent e : batch.events()) {
            if (e.jobId() != null) {
                jobRooms.send(e.jobId(), () -> frames.jobEvent(Rooms.job(e.jobId()), q, e));
            }
            String state = e.state() == null ? "unknown" : e.state();
            if (JobEventStates.PROGRESS.equals(state)) {
                if (e.jobId() != null) {
                    progress.hold(q, e);
                }
                continue;
            }
            transitions = true;
            coalescer.count(q, state);
            if (JobEventStates.INDIVIDUAL.contains(state)) {
                progress.sendAfterHeld(q, e);
            }
        }
        // A batch of progress reports only is not "what happened last" in the queue, for a client that joins.
        if (transitions) {
            coalescer.latest(q, payload);
        }
    }

    /** Once to every session in the queue's room; one walk over the sessions for all of {@code events}. */
    private void toQueueRoom(QueueName queue, List<JobEvent> events) {
        String room = Rooms.queue(queue);
        List<ClientSession> members = sessions.members(room);
        if (members.isEmpty()) {
            return;
        }
        for (JobEvent e : events) {
            OutFrame frame = frames.jobEvent(room, queue, e);
            members.forEach(s -> s.offer(frame));
        }
    }

    /**
     * One tick: the held progress and the summary of each queue to its room, then the summary of all queues to
     * {@code global}. Queue rooms go first so that a global summary also marks that the queue frames of the same tick
     * are already queued.
     */
    void flush() {
        progress.flush();
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
