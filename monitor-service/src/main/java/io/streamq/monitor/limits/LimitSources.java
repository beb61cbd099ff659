package io.streamq.monitor.limits;

import io.streamq.core.limits.OwnerLimits;

/** Where each limit in force comes from: {@code config} (the queue config's default) or {@code owner}. */
public record LimitSources(String rateLimit, String maxActive) {

    static LimitSources of(OwnerLimits owner) {
        return new LimitSources(source(owner.rateLimit().set()), source(owner.maxActive().set()));
    }

    private static String source(boolean ownerSet) {
        return ownerSet ? "owner" : "config";
    }
}
