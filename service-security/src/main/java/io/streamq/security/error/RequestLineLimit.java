package io.streamq.security.error;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code quarkus.http.limits.max-initial-line-length} enforced as a 414 problem. Vert.x itself refuses an over-long
 * request line while decoding it, before any route runs, with an empty 414: its invalid-request handler is fixed when
 * the server starts listening, and Quarkus creates and starts the server with no hook in between. So the decoder's
 * limit is raised to {@value #DECODER_FACTOR} times the configured one (a request line is still never buffered
 * beyond that) and the configured limit is checked here, where the answer can be a problem. Only a line over the
 * decoder's limit still gets Vert.x's empty 414.
 */
@ApplicationScoped
public class RequestLineLimit implements HttpServerOptionsCustomizer {

    static final int DECODER_FACTOR = 16;
    // "GET /x HTTP/1.1": the two spaces and the version around method and URI.
    private static final int SPACES_AND_VERSION = 2 + "HTTP/1.1".length();

    private final int limit;

    public RequestLineLimit(@ConfigProperty(name = "quarkus.http.limits.max-initial-line-length") int limit) {
        this.limit = limit;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setMaxInitialLineLength(Math.multiplyExact(limit, DECODER_FACTOR));
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        customizeHttpServer(options);
    }

    boolean exceeded(HttpServerRequest request) {
        return request.method().name().length() + request.uri().length() + SPACES_AND_VERSION > limit;
    }

    /** Without {@code instance}: the path is what was too long, and echoing it would only repeat it. */
    Problem problem(String requestId) {
        return new Problem(ProblemTypes.BLANK, Problems.reason(414), 414,
                "The request line (method, URI and version) is longer than " + limit + " characters.", null,
                requestId, null);
    }
}
