package io.streamq.security.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * The Vert.x side of error answers: what is decided before the REST layer runs (request id, request line or body too
 * large) and failures that escape it (authentication at the HTTP layer, Redis unavailable, anything else that
 * reaches the router).
 */
@ApplicationScoped
public class HttpProblemRoutes {

    private static final Logger LOG = Logger.getLogger(HttpProblemRoutes.class);

    // Just before Quarkus's own Content-Length check, which would answer 413 with an empty body.
    private static final int BODY_LIMIT_ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;

    private final Optional<MemorySize> maxBodySize;
    private final RedisOutages outages;
    private final RequestLineLimit requestLine;

    public HttpProblemRoutes(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
                             RedisOutages outages, RequestLineLimit requestLine) {
        this.maxBodySize = maxBodySize;
        this.outages = outages;
        this.requestLine = requestLine;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).handler(ctx -> {
            String requestId = RequestIds.assign(ctx);
            if (requestLine.exceeded(ctx.request())) {
                Problems.send(ctx, requestLine.problem(requestId));
                return;
            }
            ctx.next();
        });
        maxBodySize.ifPresent(limit -> router.route().order(BODY_LIMIT_ORDER).handler(new BodyLimitHandler(limit.asLongValue())));
        // Ahead of Quarkus's own failure handler, which would answer in HTML or plain text.
        router.route().order(RouteConstants.ROUTE_ORDER_HEADERS).failureHandler(this::onFailure);
    }

    private void onFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = statusOf(ctx, failure);
        if (status == 500 && RedisUnavailable.causedBy(failure)) {
            outages.send(failure, ctx);
            return;
        }
        long limit = maxBodySize.map(MemorySize::asLongValue).orElse(-1L);
        Problem problem = switch (status) {
            case 401 -> Problems.status(401, SecurityProblems.UNAUTHORIZED_DETAIL, ctx);
            case 403 -> Problems.status(403, SecurityProblems.FORBIDDEN_DETAIL, ctx);
            case 500 -> {
                LOG.errorf(failure, "Unexpected failure of %s %s [request %s]", ctx.request().method(),
                        ctx.request().path(), RequestIds.of(ctx));
                yield Problems.status(500, UnexpectedProblems.detail(RequestIds.of(ctx)), ctx);
            }
            case 413 -> limit >= 0 ? BodyLimitHandler.tooLarge(ctx, limit) : Problems.status(413, null, ctx);
            default -> Problems.status(status, null, ctx);
        };
        if (status == 401) {
            ctx.response().putHeader(SecurityProblems.CHALLENGE_HEADER, SecurityProblems.CHALLENGE);
        }
        Problems.send(ctx, problem);
    }

    private static int statusOf(RoutingContext ctx, Throwable failure) {
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException) {
            return 401;
        }
        if (failure instanceof ForbiddenException) {
            return 403;
        }
        int status = ctx.statusCode();
        return status >= 400 && status <= 599 ? status : 500;
    }
}
