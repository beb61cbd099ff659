package io.streamq.dlq.ingest;

import io.streamq.core.contract.QueueName;
import io.streamq.core.loop.LoopTurn;
import io.streamq.core.store.ConsumerGroups;
import io.streamq.dlq.config.DlqConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Every forwarder start joins the {@code dlq} group of each dead stream under a new name, so without this the
 * groups' consumer lists grow with every deploy. Deletes consumers silent for {@code ingest.prune-idle} that hold
 * no pending entry ({@link ConsumerGroups#pruneForwarders}); one that holds entries is kept until a live forwarder
 * has taken them over. Any replica may run it: a consumer deleted twice is simply gone.
 */
@ApplicationScoped
public class ForwarderPruning {

    private static final Logger LOG = Logger.getLogger(ForwarderPruning.class);

    private final ConsumerGroups groups;
    private final DlqConfig config;

    public ForwarderPruning(ConsumerGroups groups, DlqConfig config) {
        this.groups = groups;
        this.config = config;
    }

    /** One pruning, then a pause of {@code ingest.prune-interval}. */
    public LoopTurn turn() {
        return LoopTurn.after(prune(config.ingest().pruneIdle()), config.ingest().pruneInterval());
    }

    /** Prunes the group of every work queue's dead stream; answers how many consumers were deleted. */
    public int prune(Duration minIdle) {
        int deleted = 0;
        for (QueueName queue : QueueName.workQueues()) {
            deleted += groups.pruneForwarders(queue, minIdle).await().atMost(Duration.ofSeconds(10));
        }
        if (deleted > 0) {
            LOG.infof("Deleted %d idle dlq forwarder consumers (silent for %s, nothing pending)", deleted, minIdle);
        }
        return deleted;
    }
}
