package io.streamq.security.error;

import com.fasterxml.jackson.core.JacksonException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;

/**
 * The REST layer's own status exceptions (404 no such route, 405, 406, 415, 400 from the body reader) as problems.
 * Headers the status needs, such as {@code Allow} on a 405, are kept.
 */
public class HttpStatusProblems {

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, RoutingContext ctx) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status == 400 && e.getCause() instanceof JacksonException cause) {
            return JsonBodyProblems.of(cause, ctx);
        }
        if (status >= 500) {
            return UnexpectedProblems.respond(e, ctx);
        }
        // The exception's message may be an internal description (resource class names); never echo it.
        Response.ResponseBuilder out = Problems.response(Problems.status(status, null, ctx));
        if (original != null) {
            for (Map.Entry<String, List<Object>> header : original.getHeaders().entrySet()) {
                if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(header.getKey())
                        && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(header.getKey())) {
                    header.getValue().forEach(v -> out.header(header.getKey(), v));
                }
            }
        }
        return out.build();
    }
}
