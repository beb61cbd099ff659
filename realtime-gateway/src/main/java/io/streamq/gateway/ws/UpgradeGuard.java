package io.streamq.gateway.ws;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.streamq.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Decides the HTTP upgrade of {@code /owner/realtime}, in this order: a foreign Origin is refused with 403 (whatever
 * the token); then no or an invalid token is 401, a valid token without READ is 403. One check rather than two
 * beans, so the order is fixed and the answer does not depend on bean ordering.
 *
 * <p>The token (header or subprotocol) is never logged here; refusals log nothing at all.
 */
@ApplicationScoped
public class UpgradeGuard implements HttpUpgradeCheck {

    private static final Map<String, List<String>> CHALLENGE = Map.of("WWW-Authenticate", List.of("Bearer"));

    private final OriginPolicy origins;

    public UpgradeGuard(GatewayConfig config) {
        this.origins = new OriginPolicy(config.allowedOrigins(), config.allowSameOrigin());
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return RealtimeEndpoint.ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        HttpServerRequest request = context.httpRequest();
        if (!origins.permits(request.getHeader(HttpHeaders.ORIGIN), request.getHeader(HttpHeaders.HOST))) {
            return CheckResult.rejectUpgrade(403);
        }
        return context.securityIdentity()
                .map(ReadAccess::of)
                .onFailure().recoverWithUni(failure -> answeredAlready(request)
                        // An expired, malformed or wrongly signed token: with lazy authentication the failing
                        // identity has already been answered 401 (problem+json) by the security library's failure
                        // handler; a second answer would fail on the sent response head.
                        ? Uni.createFrom().nothing()
                        : Uni.createFrom().item(ReadAccess.Verdict.UNAUTHENTICATED))
                .map(verdict -> switch (verdict) {
                    case ALLOWED -> CheckResult.permitUpgradeSync();
                    case FORBIDDEN -> CheckResult.rejectUpgradeSync(403);
                    case UNAUTHENTICATED -> CheckResult.rejectUpgradeSync(401, CHALLENGE);
                });
    }

    private static boolean answeredAlready(HttpServerRequest request) {
        return request.response().headWritten() || request.response().ended();
    }
}
