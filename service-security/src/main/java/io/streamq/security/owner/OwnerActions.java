package io.streamq.security.owner;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.Channels;
import io.streamq.security.auth.Identities;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;

/**
 * Publishes owner mutations for the live console. Best effort after the change is made: the audit log is the
 * record; a lost live message must not turn an applied change into an error.
 */
@ApplicationScoped
public class OwnerActions {

    private static final Logger LOG = Logger.getLogger(OwnerActions.class);

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;
    private final Identities identities;

    public OwnerActions(ReactiveRedisDataSource redis, ObjectMapper mapper, Identities identities) {
        this.redis = redis;
        this.mapper = mapper;
        this.identities = identities;
    }

    /** The caller's actor name, for scripts that record who changed a job. */
    public Uni<String> actor() {
        return identities.current().map(Identities::actor);
    }

    public Uni<Void> publish(String action, String queue, List<String> jobIds, String actor, Map<String, Object> result) {
        try {
            String json = mapper.writeValueAsString(new OwnerAction(OwnerAction.TYPE, action, queue,
                    jobIds.size() > 100 ? jobIds.subList(0, 100) : jobIds, actor, result, System.currentTimeMillis()));
            return redis.execute(Command.PUBLISH, Channels.OWNER_ACTIONS, json).replaceWithVoid()
                    .onFailure().recoverWithItem(e -> {
                        LOG.warnf("Owner action %s on %s not published: %s", action, queue, e.toString());
                        return null;
                    });
        } catch (Exception e) {
            LOG.warnf("Owner action %s on %s not published: %s", action, queue, e.toString());
            return Uni.createFrom().voidItem();
        }
    }
}
