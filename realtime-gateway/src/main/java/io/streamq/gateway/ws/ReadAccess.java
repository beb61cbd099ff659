package io.streamq.gateway.ws;

import io.quarkus.security.identity.SecurityIdentity;
import io.streamq.security.auth.Policies;
import io.streamq.security.auth.Policy;

/**
 * The WebSocket shows what the READ policy shows (queues, jobs, the DLQ), so it needs READ: role OWNER, or a
 * {@code policies} claim with READ, decided by the security library's {@link Policies}.
 */
public final class ReadAccess {
    private ReadAccess() {
    }

    public enum Verdict { UNAUTHENTICATED, FORBIDDEN, ALLOWED }

    public static Verdict of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Verdict.UNAUTHENTICATED;
        }
        return Policies.of(identity).contains(Policy.READ) ? Verdict.ALLOWED : Verdict.FORBIDDEN;
    }
}
