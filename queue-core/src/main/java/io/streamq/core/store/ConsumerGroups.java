package io.streamq.core.store;

import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.script.Commands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Housekeeping of the consumer groups: each worker and each dlq-service forwarder joins under a name new at every
 * start, so consumers that hold nothing and have been silent for {@code minIdle} are deleted (prune-consumers.lua).
 */
@ApplicationScoped
public class ConsumerGroups {

    /** Most consumers one call deletes, so the call stays short however many accumulated. */
    static final int PRUNE_BATCH = 500;

    private final ScriptRunner scripts;

    public ConsumerGroups(ScriptRunner scripts) {
        this.scripts = scripts;
    }

    /**
     * Prunes the {@code workers} groups of a queue's stream and prioritized stream (a worker that took a prioritized
     * job joined both); answers how many consumers were deleted.
     */
    public Uni<Integer> pruneWorkers(QueueName queue, Duration minIdle) {
        QueueKeys k = QueueKeys.of(queue);
        return prune(k.stream(), QueueKeys.CONSUMER_GROUP, minIdle)
                .chain(stream -> prune(k.prioritizedStream(), QueueKeys.CONSUMER_GROUP, minIdle)
                        .map(prioritized -> stream + prioritized));
    }

    /** Prunes the {@code dlq} group of a queue's dead stream. */
    public Uni<Integer> pruneForwarders(QueueName queue, Duration minIdle) {
        return prune(QueueKeys.of(queue).deadStream(), QueueKeys.DLQ_CONSUMER_GROUP, minIdle);
    }

    private Uni<Integer> prune(String stream, String group, Duration minIdle) {
        return scripts.run(ScriptCall.of(Commands.PRUNE_CONSUMERS).key("stream", stream)
                        .arg("group", group).arg("min idle ms", minIdle.toMillis())
                        .arg("at most this many deleted per call", PRUNE_BATCH))
                .map(r -> r.toInteger());
    }
}
