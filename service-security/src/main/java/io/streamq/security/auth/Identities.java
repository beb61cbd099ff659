package io.streamq.security.auth;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The caller's identity without blocking. With {@code quarkus.http.auth.proactive=false} (recommended: every 401
 * then passes through the problem+json mappers) the token is verified only when someone asks; the deferred identity
 * does that on the event loop.
 */
@ApplicationScoped
public class Identities {

    private final CurrentIdentityAssociation association;

    public Identities(CurrentIdentityAssociation association) {
        this.association = association;
    }

    /** Fails with an authentication exception for a token that is present but invalid. */
    public Uni<SecurityIdentity> current() {
        return association.getDeferredIdentity();
    }

    /** The actor name for logs and buckets: the token's {@code upn}/{@code preferred_username}/{@code sub}. */
    public static String actor(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
