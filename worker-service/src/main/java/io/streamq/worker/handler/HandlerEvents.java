package io.streamq.worker.handler;

import io.streamq.core.event.DomainEvent;
import io.streamq.core.event.DomainEventType;
import io.streamq.core.event.DomainEvents;
import io.streamq.core.job.ClaimedJob;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * Tells the console rooms what a handler did, once its work succeeded: one {@link DomainEvent} with the job's id,
 * queue and tenant. Never fails the job (see {@link DomainEvents}).
 */
@ApplicationScoped
public class HandlerEvents {

    /**
     * How long a finished job waits for Redis to take its event. Waiting at all puts the event before the job's
     * completion, so a console that sees the job completed has been sent what it did; short, because the work is done
     * and the completion waits behind it.
     */
    public static final Duration PUBLISH_WAIT = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(HandlerEvents.class);

    private final DomainEvents events;

    public HandlerEvents(DomainEvents events) {
        this.events = events;
    }

    /** Publishes {@code type} for the context's job with {@code data} (see {@link DomainEvent#fields}). */
    public void publish(JobContext context, DomainEventType type, Map<String, Object> data) {
        ClaimedJob job = context.job();
        publish(new DomainEvent(type, job.jobId(), job.queue().wireName(), job.tenant(), System.currentTimeMillis(),
                data));
    }

    /** Publishes an event that is not one job's (a coalesced count). */
    public void publish(DomainEvent event) {
        try {
            events.publish(event, PUBLISH_WAIT).await().atMost(PUBLISH_WAIT.plusSeconds(1));
        } catch (RuntimeException e) {
            // An interrupt (a shutdown, a takeover) ends the wait: the work is done all the same, the interrupt stays.
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.debugf("%s of %s not awaited: %s", event.type().wireName(), event.jobId(), e.toString());
        }
    }
}
