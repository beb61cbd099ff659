package io.streamq.core.store;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.limits.LimitsState;
import io.streamq.core.limits.OwnerLimits;
import io.streamq.core.limits.StoredLimits;
import io.streamq.core.script.AdminCommands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.vertx.mutiny.redis.client.Command;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An owner's overrides of a queue's start limits, in {@code q:{Q}:limits}. Claims read them on every call
 * (commands/includes/claim-limits.lua), so a change takes effect at the next claim of every worker.
 */
@ApplicationScoped
public class QueueLimitsStore {

    private final ScriptRunner scripts;
    private final ReactiveRedisDataSource redis;

    public QueueLimitsStore(ScriptRunner scripts, ReactiveRedisDataSource redis) {
        this.scripts = scripts;
        this.redis = redis;
    }

    public Uni<LimitsState> read(QueueName queue) {
        return redis.execute(Command.HMGET, QueueKeys.of(queue).limits(), "rate", "maxActive", "tat")
                .map(r -> new LimitsState(new OwnerLimits(StoredLimits.rate(Replies.text(r.get(0))),
                        StoredLimits.maxActive(Replies.text(r.get(1)))), r.get(2) == null ? 0 : r.get(2).toDouble()));
    }

    /** Replaces the owner's overrides: a limit that follows the config drops its override. */
    public Uni<Void> write(QueueName queue, OwnerLimits limits) {
        return scripts.run(ScriptCall.of(AdminCommands.SET_LIMITS).key("limits", QueueKeys.of(queue).limits())
                        .arg("rate", StoredLimits.rate(limits.rateLimit()))
                        .arg("max active", StoredLimits.maxActive(limits.maxActive())))
                .replaceWithVoid();
    }
}
