package io.streamq.security.auth;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.streamq.security.config.SecurityConfig;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.InstantSource;

/**
 * Skips the signature check for a bearer token verified a moment ago ({@link VerifiedTokens}). quarkus-smallrye-jwt's
 * identity provider ({@code MpJwtValidator}) turns each request's token into a {@link JsonWebToken} with
 * {@link JWTParser#parse(String)} and builds the identity (roles from {@code groups}) from it; decorating that one
 * call leaves everything after it as it was: the same claims, roles, 401s and lazy authentication. The parser's other
 * methods (explicit keys, decryption) are not cached.
 */
@Decorator
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public abstract class CachingJwtParser implements JWTParser {

    private final JWTParser delegate;
    /** Null when {@code streamq.security.token-cache.enabled=false}. */
    private final VerifiedTokens verified;

    @Inject
    CachingJwtParser(@Delegate @Any JWTParser delegate, SecurityConfig config, JWTAuthContextInfo verifier) {
        this.delegate = delegate;
        SecurityConfig.TokenCache limits = config.tokenCache();
        this.verified = limits.enabled() ? new VerifiedTokens(limits, verifier, InstantSource.system()) : null;
    }

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        if (verified == null) {
            return delegate.parse(bearerToken);
        }
        JsonWebToken known = verified.get(bearerToken);
        if (known != null) {
            return known;
        }
        // Throws for a token that fails any check, so only accepted tokens are remembered.
        JsonWebToken token = delegate.parse(bearerToken);
        verified.put(bearerToken, token);
        return token;
    }
}
