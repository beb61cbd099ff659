package io.streamq.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestKey;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.streamq.security.AuthMatrixTest.bearer;
import static io.streamq.security.AuthMatrixTest.unauthorized;

/**
 * The token rules smallrye-jwt does not apply by itself ({@code TokenRulesJwtParser}) and key ids, with this module's
 * test configuration: a JWK set of ONE key, kid {@link TestKey#SHARED_KID}, and the default clock skew of 60 s.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class TokenRulesTest {

    @Test
    void iatBeyondTheClockSkewIsRefused() {
        unauthorized(bearer(TestTokens.issuedIn("future-" + System.nanoTime(), 600)));
    }

    @Test
    void iatWithinTheClockSkewIsAccepted() {
        bearer(TestTokens.issuedIn("skewed-" + System.nanoTime(), 20)).get("/test/read").then().statusCode(200);
    }

    /**
     * 401, not 403: the claim breaks the token contract, so the token is refused as invalid (like a bad signature)
     * rather than read as a valid token without the role; it is never cached and never becomes an identity.
     */
    @Test
    void groupsAsAPlainStringIsRefused() {
        unauthorized(bearer(TestTokens.groupsAsString("stringly-" + System.nanoTime())));
    }

    @Test
    void aKidThatNamesNoConfiguredKeyIsRefused() {
        // Signed with the configured key itself: only the header's kid is wrong.
        unauthorized(bearer(TestTokens.ownerWithKeyId("kid-" + System.nanoTime(), TestKey.NEXT_KID)));
    }

    @Test
    void aTokenWithoutKidIsAcceptedWhenOneKeyIsConfigured() {
        bearer(TestTokens.ownerWithKeyId("no-kid-" + System.nanoTime(), null)).get("/test/read").then()
                .statusCode(200);
    }

    @Test
    void theConfiguredKidIsAccepted() {
        bearer(TestTokens.ownerWithKeyId("kid-ok-" + System.nanoTime(), TestKey.SHARED_KID)).get("/test/read").then()
                .statusCode(200);
    }
}
