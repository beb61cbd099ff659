package io.streamq.security.error;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Decided problems ({@link ProblemException} and its subclasses) and invalid requests. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response decided(ProblemException e, RoutingContext ctx) {
        String title = e.title() != null ? e.title() : Problems.reason(e.status());
        Response.ResponseBuilder out = Problems.response(Problems.typed(e.status(), e.type(), title, e.getMessage(),
                e.errors(), ctx));
        e.headers().forEach(out::header);
        return out.build();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e, RoutingContext ctx) {
        return Problems.response(Problems.typed(400, ProblemTypes.VALIDATION, "Invalid request", e.getMessage(),
                e.errors(), ctx)).build();
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, RoutingContext ctx) {
        return Problems.response(Problems.typed(400, ProblemTypes.VALIDATION, "Invalid request",
                "The request has invalid parameters.", List.of(e.problem()), ctx)).build();
    }
}
