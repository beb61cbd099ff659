package io.streamq.security.ratelimit;

import io.smallrye.mutiny.Uni;
import io.streamq.core.keys.SecurityKeys;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.streamq.core.script.SecurityCommands;
import io.streamq.security.config.SecurityConfig;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * Counts one request against the per-IP and per-user buckets of a group, in one Redis script: every replica of
 * every service sharing the Redis sees the same buckets, and concurrent requests cannot both take the last slot.
 */
@ApplicationScoped
public class RateLimiter {

    private final ScriptRunner scripts;
    private final SecurityConfig config;

    public RateLimiter(ScriptRunner scripts, SecurityConfig config) {
        this.scripts = scripts;
        this.config = config;
    }

    /**
     * @param user null for an anonymous request (counted per IP only)
     * @throws IllegalStateException for a group with no configuration: a typo must not mean "unlimited"
     */
    public Uni<RateDecision> check(String group, String clientIp, String user) {
        SecurityConfig.RateLimitGroup limits = config.rateLimit().get(group);
        if (limits == null) {
            return Uni.createFrom().failure(new IllegalStateException(
                    "no rate limit configured for group '" + group + "' (streamq.security.rate-limit." + group + ")"));
        }
        boolean byIp = limits.perIp() > 0;
        boolean byUser = limits.perUser() > 0 && user != null;
        if (!byIp && !byUser) {
            return Uni.createFrom().item(RateDecision.UNLIMITED);
        }
        ScriptCall call = ScriptCall.of(SecurityCommands.RATE_LIMIT);
        if (byIp) {
            call.key("bucket key", SecurityKeys.rateLimitByIp(group, clientIp));
        }
        if (byUser) {
            call.key("bucket key", SecurityKeys.rateLimitByUser(group, user));
        }
        call.arg("window ms", Math.max(1, limits.window().toMillis()));
        if (byIp) {
            call.arg("limit", limits.perIp());
        }
        if (byUser) {
            call.arg("limit", limits.perUser());
        }
        return scripts.run(call).map(RateLimiter::decision);
    }

    private static RateDecision decision(Response r) {
        return new RateDecision(r.get(0).toInteger() == 1, r.get(1).toInteger(), r.get(2).toInteger(),
                r.get(3).toLong(), r.get(4).toLong());
    }
}
