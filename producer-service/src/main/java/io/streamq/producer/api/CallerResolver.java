package io.streamq.producer.api;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.streamq.producer.domain.Caller;
import io.streamq.security.auth.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.regex.Pattern;

/** The caller of the current request, from its verified token. */
@RequestScoped
public class CallerResolver {

    static final String TENANT_CLAIM = "tenant";
    static final String WORKSPACE_CLAIM = "workspace";
    /**
     * What a tenant id may be (docs/security.md). The tenant names the jobs a producer may see and scopes its
     * idempotency keys; an id with separators or control characters could be read as another tenant's somewhere a
     * tenant and a key are put side by side, so only this alphabet is taken.
     */
    static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public CallerResolver(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /**
     * @throws ForbiddenException for a producer token without a tenant: it could only write jobs nobody may read,
     *                            and would share idempotency keys with every other such token; and for any token
     *                            whose tenant is not a {@link #TENANT}: the token is genuine (so not 401), but names
     *                            no tenant this service can act for, whatever the request
     */
    public Caller current() {
        boolean owner = identity.hasRole(Roles.OWNER);
        String tenant = text(TENANT_CLAIM);
        if (tenant == null && !owner || tenant != null && !TENANT.matcher(tenant).matches()) {
            throw new ForbiddenException();
        }
        return new Caller(token.getSubject(), tenant, text(WORKSPACE_CLAIM), owner);
    }

    // Custom claims come back as JSON-P values; a non-string tenant is treated as none rather than stringified.
    private String text(String claim) {
        Object value = token.getClaim(claim);
        String text = value instanceof JsonString s ? s.getString() : value instanceof String s ? s : null;
        return text == null || text.isBlank() ? null : text;
    }
}
