package io.streamq.security.ratelimit;

import io.smallrye.mutiny.Uni;
import io.streamq.core.batch.CoalescingLane;
import io.streamq.core.keys.SecurityKeys;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import io.streamq.core.script.SecurityCommands;
import io.streamq.security.config.SecurityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts one request against the per-IP and per-user buckets of a group of this service (or, for a failed
 * authentication, against the IP's failed-authentication bucket), in one Redis script: every replica of
 * every service sharing the Redis sees the same buckets, and concurrent requests cannot both take the last slot.
 * Concurrent checks of the same buckets on this replica share one script call ({@link CoalescingLane}), which
 * decides them one after the other exactly as separate calls would; a lane exists only while checks of its buckets
 * are in flight, so the set of lanes is bounded by the requests in flight, not by the clients ever seen.
 */
@ApplicationScoped
public class RateLimiter {

    /** Most checks decided in one call: enough for any burst one replica takes at once. */
    static final int MAX_BATCH = 256;
    /** A check that takes longer fails its request rather than holding up every later check of its buckets. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    /** The buckets one request is counted in, and their limits. */
    private record Buckets(List<String> keys, long windowMs, List<Integer> limits) {
    }

    private final ScriptRunner scripts;
    private final SecurityConfig config;
    /** Part of every bucket's key: replicas of one service share buckets, different services never do. */
    private final String service;
    private final Map<Buckets, CoalescingLane<Buckets, RateDecision>> lanes = new ConcurrentHashMap<>();

    public RateLimiter(ScriptRunner scripts, SecurityConfig config,
                       @ConfigProperty(name = "quarkus.application.name") String service) {
        this.scripts = scripts;
        this.config = config;
        this.service = service;
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
        long windowMs = windowMs(limits.window());
        List<String> keys = new ArrayList<>(2);
        List<Integer> limitList = new ArrayList<>(2);
        if (byIp) {
            keys.add(SecurityKeys.rateLimitByIp(service, group, limits.perIp(), windowMs, clientIp));
            limitList.add(limits.perIp());
        }
        if (byUser) {
            keys.add(SecurityKeys.rateLimitByUser(service, group, limits.perUser(), windowMs, user));
            limitList.add(limits.perUser());
        }
        return submit(new Buckets(List.copyOf(keys), windowMs, List.copyOf(limitList)));
    }

    /**
     * Counts one failed authentication (a bad, expired or missing token) of {@code clientIp}, in its own bucket: a
     * refusal means the IP has used up its failures for the window.
     */
    public Uni<RateDecision> checkAuthFailure(String clientIp) {
        SecurityConfig.AuthFailures limits = config.authFailures();
        if (limits.perIp() == 0) {
            return Uni.createFrom().item(RateDecision.UNLIMITED);
        }
        long windowMs = windowMs(limits.window());
        return submit(new Buckets(List.of(SecurityKeys.authFailuresByIp(service, limits.perIp(), windowMs, clientIp)),
                windowMs, List.of(limits.perIp())));
    }

    private static long windowMs(Duration window) {
        return Math.max(1, window.toMillis());
    }

    private Uni<RateDecision> submit(Buckets buckets) {
        // Deferred: the lane is taken when the check is subscribed to, and joined at once (an idle lane leaves).
        return Uni.createFrom().deferred(() -> lanes.computeIfAbsent(buckets, this::newLane).submit(buckets));
    }

    private CoalescingLane<Buckets, RateDecision> newLane(Buckets buckets) {
        AtomicReference<CoalescingLane<Buckets, RateDecision>> self = new AtomicReference<>();
        // Removes only itself: a successor lane for the same buckets may already be in the map.
        self.set(new CoalescingLane<>(this::decide, MAX_BATCH, CALL_TIMEOUT,
                () -> lanes.remove(buckets, self.get())));
        return self.get();
    }

    /** One script call deciding {@code requests.size()} checks of the same buckets in turn. */
    private Uni<List<RateDecision>> decide(List<Buckets> requests) {
        Buckets b = requests.getFirst();
        ScriptCall call = ScriptCall.of(SecurityCommands.RATE_LIMIT);
        b.keys().forEach(key -> call.key("bucket key", key));
        call.arg("window ms", b.windowMs()).arg("requests", requests.size());
        b.limits().forEach(limit -> call.arg("limit", limit));
        return scripts.run(call).map(r -> {
            List<RateDecision> out = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                int at = i * 5;
                out.add(new RateDecision(r.get(at).toInteger() == 1, r.get(at + 1).toInteger(),
                        r.get(at + 2).toInteger(), r.get(at + 3).toLong(), r.get(at + 4).toLong()));
            }
            return out;
        });
    }
}
