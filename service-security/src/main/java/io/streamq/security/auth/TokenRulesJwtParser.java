package io.streamq.security.auth;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Base64;

/**
 * The platform's rules for a token that smallrye-jwt verified, where smallrye-jwt has no setting for them:
 * <ul>
 * <li>{@code iat} no later than now plus the verifier's clock skew ({@code mp.jwt.verify.clock.skew}, 60 s by
 * default): jose4j, as smallrye-jwt configures it, accepts any {@code iat} in the future, and such a token would
 * outlive every age limit;</li>
 * <li>{@code groups}, when present, a JSON array of strings: smallrye-jwt splits a plain string into roles, so
 * {@code "groups": "OWNER"} (a malformed claim, or a field some other issuer fills differently) would be taken as
 * the OWNER role.</li>
 * </ul>
 * A token that breaks one fails like any invalid token (401), and, being inside {@link CachingJwtParser} (higher
 * priority value, so called after it), is never cached. Reads only claims of a token whose signature was checked.
 */
@Decorator
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 1)
public abstract class TokenRulesJwtParser implements JWTParser {

    private final JWTParser delegate;
    private final long skewSeconds;
    private final InstantSource clock;

    @Inject
    TokenRulesJwtParser(@Delegate @Any JWTParser delegate, JWTAuthContextInfo verifier) {
        this.delegate = delegate;
        this.skewSeconds = Math.max(verifier.getClockSkew(), 0);
        this.clock = InstantSource.system();
    }

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        JsonWebToken token = delegate.parse(bearerToken);
        long nowSeconds = clock.instant().getEpochSecond();
        if (token.getIssuedAtTime() > nowSeconds + skewSeconds) {
            throw new ParseException("the token's iat is in the future beyond the allowed clock skew");
        }
        JsonValue groups = payload(token.getRawToken()).get(Claims.groups.name());
        if (groups != null && !isArrayOfStrings(groups)) {
            throw new ParseException("the token's groups claim is not an array of strings");
        }
        return token;
    }

    private static boolean isArrayOfStrings(JsonValue value) {
        return value.getValueType() == JsonValue.ValueType.ARRAY
                && value.asJsonArray().stream().allMatch(v -> v.getValueType() == JsonValue.ValueType.STRING);
    }

    /** The claims as the issuer wrote them: the parsed token has already turned a string {@code groups} into a set. */
    private static JsonObject payload(String compactJws) throws ParseException {
        String[] parts = compactJws.split("\\.", -1);
        if (parts.length != 3) {
            throw new ParseException("not a compact signed token");
        }
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (IllegalArgumentException | JsonException e) {
            throw new ParseException("unreadable claims");
        }
    }
}
