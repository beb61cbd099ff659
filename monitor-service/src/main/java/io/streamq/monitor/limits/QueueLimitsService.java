package io.streamq.monitor.limits;

import io.smallrye.mutiny.Uni;
import io.streamq.core.config.QueueCatalog;
import io.streamq.core.contract.QueueName;
import io.streamq.core.limits.LimitsState;
import io.streamq.core.limits.OwnerLimits;
import io.streamq.core.limits.QueueLimits;
import io.streamq.core.store.QueueLimitsStore;
import jakarta.enterprise.context.ApplicationScoped;

/** A queue's start limits: the config's defaults, the owner's overrides in Redis, and the two combined. */
@ApplicationScoped
public class QueueLimitsService {

    private final QueueLimitsStore store;
    private final QueueCatalog catalog;

    public QueueLimitsService(QueueLimitsStore store, QueueCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    public Uni<QueueLimitsView> view(QueueName queue) {
        return store.read(queue).map(state -> view(queue, state.owner()));
    }

    /** Replaces the owner's overrides; every worker applies them from its next claim. */
    public Uni<QueueLimitsView> replace(QueueName queue, OwnerLimits owner) {
        return store.write(queue, owner).map(ignored -> view(queue, owner));
    }

    public Uni<LimitsState> state(QueueName queue) {
        return store.read(queue);
    }

    public QueueLimits defaults(QueueName queue) {
        return catalog.settings(queue).limits();
    }

    private QueueLimitsView view(QueueName queue, OwnerLimits owner) {
        QueueLimits defaults = defaults(queue);
        QueueLimits inForce = owner.over(defaults);
        return new QueueLimitsView(queue.wireName(), inForce.rateLimit(), inForce.maxActive(), LimitSources.of(owner),
                defaults);
    }
}
