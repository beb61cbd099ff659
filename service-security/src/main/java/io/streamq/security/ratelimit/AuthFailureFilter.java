package io.streamq.security.ratelimit;

import io.smallrye.mutiny.Uni;
import io.streamq.security.auth.Identities;
import io.streamq.security.net.ClientIps;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Counts every REST request whose bearer token fails verification (bad signature, expired, unknown key, wrong
 * claims) in the client IP's failed-authentication bucket, and refuses it with 429 once that is used up; until then
 * the endpoint's own check answers 401. Pre-matching, so it runs before Quarkus REST checks {@code @RolesAllowed}
 * (which answers 401 before any other filter): every service and every endpoint is covered. A request without a token is not a failure here: whether it
 * needed one depends on the endpoint ({@link RateLimitFilter} counts it for endpoints that require a policy).
 */
public class AuthFailureFilter {

    private final RateLimiter limiter;
    private final ClientIps clientIps;
    private final Identities identities;

    public AuthFailureFilter(RateLimiter limiter, ClientIps clientIps, Identities identities) {
        this.limiter = limiter;
        this.clientIps = clientIps;
        this.identities = identities;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Uni<Response> count(HttpServerRequest http) {
        return identities.current()
                .map(identity -> false)
                .onFailure().recoverWithItem(true)
                .chain(failed -> failed ? limiter.checkAuthFailure(clientIps.of(http)) : Uni.createFrom().nullItem())
                .map(RateLimitExceededException::refuseIfDenied);
    }
}
