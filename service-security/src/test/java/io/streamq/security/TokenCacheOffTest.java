package io.streamq.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.streamq.security.AuthMatrixTest.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code streamq.security.token-cache.enabled=false}: every request's token is verified, authorization unchanged. */
@QuarkusTest
@TestProfile(TokenCacheOffTest.CacheOff.class)
@QuarkusTestResource(RedisTestResource.class)
class TokenCacheOffTest {

    public static class CacheOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streamq.security.token-cache.enabled", "false");
        }
    }

    @Inject
    JWTParser parser;

    @Test
    void everyParseVerifiesAndRequestsAreStillAuthorized() throws ParseException {
        String token = TestTokens.policies("dash-nocache", "READ");

        assertThat(parser.parse(token)).isNotSameAs(parser.parse(token));
        bearer(token).get("/test/read").then().statusCode(200);
        bearer(token).post("/test/queues/nocache-q/pause").then().statusCode(403);
        bearer(TestTokens.wrongSignature("mallory")).get("/test/read").then().statusCode(401);
    }
}
