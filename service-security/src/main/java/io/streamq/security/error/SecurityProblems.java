package io.streamq.security.error;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 401 and 403 as problems. The details are deliberately the same whatever failed (no token, bad signature, expired,
 * wrong issuer, missing role or claim): telling them apart would help an attacker probe the checks.
 */
public class SecurityProblems {

    public static final String UNAUTHORIZED_DETAIL = "A valid bearer token is required.";
    public static final String FORBIDDEN_DETAIL = "The token does not allow this request.";
    public static final String CHALLENGE_HEADER = "WWW-Authenticate";
    public static final String CHALLENGE = "Bearer";

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, RoutingContext ctx) {
        return Problems.response(Problems.status(401, UNAUTHORIZED_DETAIL, ctx))
                .header(CHALLENGE_HEADER, CHALLENGE)
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, RoutingContext ctx) {
        return Problems.response(Problems.status(403, FORBIDDEN_DETAIL, ctx)).build();
    }
}
