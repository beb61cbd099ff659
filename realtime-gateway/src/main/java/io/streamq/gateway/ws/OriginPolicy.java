package io.streamq.gateway.ws;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open the WebSocket. A browser sends cookies and follows links across sites, so a
 * WebSocket that a foreign page could open in the owner's browser is a cross-site hijack; the Origin header is how
 * a browser says which page asks. Programs send no Origin and are judged by their token alone.
 */
public final class OriginPolicy {

    private final Set<String> allowed;
    private final boolean allowSameOrigin;

    public OriginPolicy(Iterable<String> allowedOrigins, boolean allowSameOrigin) {
        this.allowed = java.util.stream.StreamSupport.stream(allowedOrigins.spliterator(), false)
                .map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
        this.allowSameOrigin = allowSameOrigin;
    }

    /**
     * @param origin the request's Origin header, or null
     * @param host   the request's Host header (the authority the client connected to), or null
     */
    public boolean permits(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String o = normalize(origin);
        if (allowed.contains(o)) {
            return true;
        }
        return allowSameOrigin && host != null && host.equalsIgnoreCase(authority(o));
    }

    private static String authority(String origin) {
        try {
            String a = URI.create(origin).getRawAuthority();
            return a == null ? "" : a;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Origins compare case-insensitively and without a trailing slash. */
    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
