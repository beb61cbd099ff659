package io.streamq.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestKey;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.streamq.security.AuthMatrixTest.bearer;
import static io.streamq.security.AuthMatrixTest.unauthorized;

/**
 * A key rotation: the verifier trusts a JWK set of two keys ({@code test-keys/test-rotation.jwks}, TEST-ONLY), each
 * with its kid, and tokens signed by either are accepted; a token must then say which key signed it.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.TwoKeys.class)
@QuarkusTestResource(RedisTestResource.class)
class KeyRotationTest {

    public static class TwoKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.location", "test-keys/test-rotation.jwks");
        }
    }

    @Test
    void tokensOfBothKeysAreAccepted() {
        bearer(TestTokens.owner("old-key-" + System.nanoTime())).get("/test/read").then().statusCode(200);
        bearer(ownerSignedBy(TestKey.next(), "new-key-" + System.nanoTime())).get("/test/read").then()
                .statusCode(200);
    }

    @Test
    void aKidThatNamesNoConfiguredKeyIsRefused() {
        unauthorized(bearer(TestTokens.ownerWithKeyId("kid-" + System.nanoTime(), "streamq-test-3")));
    }

    @Test
    void aKidOfTheOtherKeyIsRefused() {
        // Signed by the shared key but naming the new one: the named key's signature check fails.
        unauthorized(bearer(TestTokens.ownerWithKeyId("swapped-" + System.nanoTime(), TestKey.NEXT_KID)));
    }

    /** With two keys a token without kid is ambiguous: refused rather than tried against every key. */
    @Test
    void aTokenWithoutKidIsRefusedWhenTwoKeysAreConfigured() {
        unauthorized(bearer(TestTokens.ownerWithKeyId("no-kid-" + System.nanoTime(), null)));
    }

    private static String ownerSignedBy(TestKey key, String user) {
        return key.signer().sign(TestTokens.ISSUER, user, List.of("OWNER"), Map.of(), Duration.ofMinutes(10));
    }
}
