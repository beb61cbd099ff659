package io.streamq.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static io.streamq.security.AuthMatrixTest.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cache of verified tokens in the real chain: the parser quarkus-smallrye-jwt authenticates with is the decorated
 * one, a token seen again comes from the cache and still carries its roles and claims, refused tokens stay refused.
 * Its time rules are {@code VerifiedTokensTest}'s.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class TokenCacheTest {

    @Inject
    JWTParser parser;

    @Test
    void aTokenSeenAgainComesFromTheCacheWithItsClaims() throws ParseException {
        String token = TestTokens.policies("dash-cache", "READ");
        JsonWebToken first = parser.parse(token);

        JsonWebToken again = parser.parse(token);
        assertThat(again).isSameAs(first);
        assertThat(again.getName()).isEqualTo("dash-cache");
        assertThat(again.getGroups()).containsExactly("dashboard");
        // Requests with the cached token: its policies claim still decides.
        for (int i = 0; i < 2; i++) {
            bearer(token).get("/test/read").then().statusCode(200);
            bearer(token).post("/test/queues/cache-q/pause").then().statusCode(403);
        }
    }

    @Test
    void aCachedOwnerTokenKeepsItsRole() throws ParseException {
        String token = TestTokens.owner("owner-cache");
        parser.parse(token);

        for (int i = 0; i < 2; i++) {
            bearer(token).post("/test/queues/cache-q/pause").then().statusCode(200);
        }
    }

    static List<String> refusedTokens() {
        return List.of(TestTokens.wrongSignature("mallory"), TestTokens.expired("owner-old"),
                TestTokens.wrongIssuer("owner-elsewhere"));
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void aRefusedTokenIsRefusedAgainNotRemembered(String token) {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> parser.parse(token)).isInstanceOf(ParseException.class);
            bearer(token).get("/test/read").then().statusCode(401);
        }
    }
}
