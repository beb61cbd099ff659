package io.streamq.security.ratelimit;

import io.smallrye.mutiny.Uni;
import io.streamq.security.auth.Identities;
import io.streamq.security.auth.PolicyFilter;
import io.streamq.security.net.ClientIps;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.reflect.Method;

/**
 * Enforces {@link RateLimited} before the policy check, so refused attempts count too. Only requests of a valid
 * token (and, on an endpoint that needs no policy, anonymous ones) are counted in the endpoint's group; a request
 * whose authentication failed never spends that allowance, which a valid user behind the same IP shares: a bad
 * token was already counted by {@link AuthFailureFilter}, and a missing token on an endpoint that requires a policy
 * is counted here as a failed authentication. The policy filter then answers 401. The decision of the group rides
 * on the request so the response filter can put the headers on every answer.
 */
public class RateLimitFilter {

    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    private final RateLimiter limiter;
    private final ClientIps clientIps;
    private final Identities identities;

    public RateLimitFilter(RateLimiter limiter, ClientIps clientIps, Identities identities) {
        this.limiter = limiter;
        this.clientIps = clientIps;
        this.identities = identities;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION - 100)
    public Uni<Response> limit(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        RateLimited rateLimited = annotation(resource);
        if (rateLimited == null) {
            return Uni.createFrom().nullItem();
        }
        String ip = clientIps.of(http);
        return identities.current()
                // Null: the token failed verification, and AuthFailureFilter has counted it already.
                .onFailure().recoverWithNull()
                .chain(identity -> {
                    if (identity == null) {
                        return Uni.createFrom().nullItem();
                    }
                    if (identity.isAnonymous() && PolicyFilter.required(resource) != null) {
                        // No token where one is required: a failed authentication, not a use of the group.
                        return limiter.checkAuthFailure(ip);
                    }
                    String user = identity.isAnonymous() ? null : Identities.actor(identity);
                    return limiter.check(rateLimited.group(), ip, user)
                            .invoke(decision -> request.setProperty(DECISION, decision));
                })
                .map(RateLimitExceededException::refuseIfDenied);
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateDecision decision) {
            decision.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        }
    }

    static RateLimited annotation(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        RateLimited onMethod = method.getAnnotation(RateLimited.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(RateLimited.class);
    }
}
