package io.streamq.security.auth;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;

/**
 * Enforces {@link RequiresPolicy}. A plain annotation read through {@link ResourceInfo} by one global filter, rather
 * than {@code @PermissionsAllowed} plus an identity augmentor: the annotation carries a {@link Policy}, the rule
 * (OWNER, or the policies claim) sits in {@link Policies}, and failures are the same Quarkus security exceptions
 * that {@code SecurityProblems} answers with identical 401/403 problems whatever check failed.
 */
public class PolicyFilter {

    private final Identities identities;

    public PolicyFilter(Identities identities) {
        this.identities = identities;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Response> check(ResourceInfo resource) {
        RequiresPolicy required = required(resource);
        if (required == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.current()
                .onFailure().transform(e -> new UnauthorizedException())
                .map(identity -> {
                    if (identity.isAnonymous()) {
                        throw new UnauthorizedException();
                    }
                    if (!Policies.of(identity).contains(required.value())) {
                        throw new ForbiddenException();
                    }
                    return null;
                });
    }

    public static RequiresPolicy required(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        RequiresPolicy onMethod = method.getAnnotation(RequiresPolicy.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(RequiresPolicy.class);
    }
}
