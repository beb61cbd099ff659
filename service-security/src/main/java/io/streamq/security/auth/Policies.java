package io.streamq.security.auth;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** Which policies an identity holds: all for role OWNER, else those named in its {@code policies} claim. */
public final class Policies {

    private Policies() {
    }

    public static Set<Policy> of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return EnumSet.noneOf(Policy.class);
        }
        if (identity.hasRole(Roles.OWNER)) {
            return EnumSet.allOf(Policy.class);
        }
        EnumSet<Policy> held = EnumSet.noneOf(Policy.class);
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim(Roles.POLICIES_CLAIM) != null) {
            for (String name : names(jwt.getClaim(Roles.POLICIES_CLAIM))) {
                for (Policy p : Policy.values()) {
                    // Exact names only: a typo in a token must not widen or silently change what it grants.
                    if (p.name().equals(name)) {
                        held.add(p);
                    }
                }
            }
        }
        return held;
    }

    /** The claim arrives as a JSON array (jakarta.json values) or, from some issuers, a single string. */
    private static Collection<String> names(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(Policies::unquote).toList();
        }
        return java.util.List.of(unquote(claim));
    }

    private static String unquote(Object value) {
        if (value instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        String text = String.valueOf(value);
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
    }
}
