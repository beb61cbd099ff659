package io.streamq.worker.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamq.core.contract.QueueName;
import io.streamq.core.event.DomainEvent;
import io.streamq.core.event.DomainEventType;
import io.streamq.core.loop.BackgroundLoop;
import io.streamq.core.loop.FailureBackoff;
import io.streamq.core.loop.LoopTurn;
import io.streamq.worker.handler.HandlerEvents;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

import static io.streamq.core.event.DomainEvent.fields;

/**
 * The analytics room's view of track-event. Events are tracked at thousands per second; one message each would flood
 * the room and every console in it. So each worker counts what it tracked per event name and tenant
 * ({@link TrackedCounts}) and publishes one {@code analytics.events-tracked} per {@code live-interval} (1 s), only
 * when it tracked something: the room gets at most one message per second per worker, whatever the rate.
 */
@ApplicationScoped
public class TrackedEvents {

    private final TrackedCounts counts = new TrackedCounts();
    private final HandlerEvents events;
    private final Duration interval;
    private final BackgroundLoop loop;

    public TrackedEvents(HandlerEvents events, IntegrationsConfig config, MeterRegistry meters) {
        this.events = events;
        this.interval = config.analytics().liveInterval();
        this.loop = new BackgroundLoop("analytics-live-events", this::publishOnce, FailureBackoff.upTo(interval),
                meters);
    }

    void start(@Observes StartupEvent event) {
        loop.start();
    }

    /** What is counted but not yet published goes out before the worker stops (best effort, as always). */
    void stop(@Observes ShutdownEvent event) {
        loop.stop();
        loop.join(System.nanoTime() + HandlerEvents.PUBLISH_WAIT.toNanos());
        publish();
    }

    /** A job counted its event (call it only when it did, so retries are not counted twice). */
    void tracked(String event, String tenant, String jobId) {
        counts.add(event, tenant, jobId);
    }

    private LoopTurn publishOnce() {
        long start = System.nanoTime();
        return LoopTurn.atRate(publish(), start, interval);
    }

    private int publish() {
        TrackedCounts.Window window = counts.take();
        if (window.empty()) {
            return 0;
        }
        events.publish(new DomainEvent(DomainEventType.ANALYTICS_EVENTS_TRACKED, null,
                QueueName.ANALYTICS.wireName(), null, window.to(), fields("from", window.from(), "to", window.to(),
                "events", window.events(), "omitted", window.omitted())));
        return 1;
    }
}
