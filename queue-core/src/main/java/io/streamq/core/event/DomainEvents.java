package io.streamq.core.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Publishes domain events with a plain PUBLISH. Best effort: the event tells live consoles about work already done
 * and recorded; a lost message must never turn that work into a failure, so nothing here fails.
 */
@ApplicationScoped
public class DomainEvents {

    /** Bound of one message: an event is a few identifiers; anything larger is a bug, not a bigger event. */
    public static final int MAX_BYTES = 8 * 1024;

    private static final Logger LOG = Logger.getLogger(DomainEvents.class);

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;

    public DomainEvents(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.redis = redis;
        this.mapper = mapper;
    }

    /**
     * Publishes {@code event} on its type's channel. Never fails: completes when Redis took the message, or when it
     * could not be written, was over {@link #MAX_BYTES}, or Redis did not answer within {@code atMost} (logged at
     * debug).
     */
    public Uni<Void> publish(DomainEvent event, Duration atMost) {
        String json;
        try {
            json = mapper.writeValueAsString(event);
        } catch (Exception e) {
            LOG.debugf("%s of %s not published: %s", event.type().wireName(), event.jobId(), e.toString());
            return Uni.createFrom().voidItem();
        }
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            LOG.debugf("%s of %s not published: over %d bytes", event.type().wireName(), event.jobId(), MAX_BYTES);
            return Uni.createFrom().voidItem();
        }
        return redis.execute(Command.PUBLISH, event.type().channel(), json)
                .ifNoItem().after(atMost).fail()
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("%s of %s not published: %s", event.type().wireName(), event.jobId(), e.toString());
                    return null;
                });
    }
}
