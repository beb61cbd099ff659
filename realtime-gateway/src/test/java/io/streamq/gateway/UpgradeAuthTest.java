package io.streamq.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.testing.LogCapture;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may open /owner/realtime: the READ policy, from a header or a subprotocol, and only from allowed origins. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class UpgradeAuthTest {

    @TestHTTPResource("/owner/realtime")
    URI uri;

    /** Every log line written during a test, to prove tokens never reach the logs. */
    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterEach
    void releaseLogs() {
        logs.close();
    }

    private int refused(Map<String, String> headers) {
        WsClient.Attempt a = WsClient.attempt(WsClient.ws(uri), headers, List.of());
        if (a.accepted()) {
            a.client().close();
        }
        return a.refusedStatus();
    }

    private List<String> logged() {
        return logs.texts();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void withoutAValidTokenTheUpgradeIsRefusedWith401() {
        String expired = TestTokens.expired("old-owner");
        String wrongKey = TestTokens.wrongSignature("mallory");
        assertThat(refused(Map.of())).isEqualTo(401);
        assertThat(refused(bearer("not-a-jwt"))).isEqualTo(401);
        assertThat(refused(bearer(wrongKey))).isEqualTo(401);
        assertThat(refused(bearer(expired))).isEqualTo(401);
        assertThat(logged()).noneMatch(line -> line.contains(expired) || line.contains(wrongKey));
    }

    @Test
    void aValidTokenWithoutReadIsRefusedWith403() {
        assertThat(refused(bearer(TestTokens.producer("app-1")))).isEqualTo(403);
        assertThat(refused(bearer(TestTokens.policies("manager", "MANAGE")))).isEqualTo(403);
        // Exact names only: a lower-case "read" grants nothing.
        assertThat(refused(bearer(TestTokens.policies("typo", "read")))).isEqualTo(403);
    }

    @Test
    void readOnlyAndOwnerTokensGetInAndTheConnectionWorks() throws Exception {
        for (String token : List.of(TestTokens.policies("dashboard-1", "READ"), TestTokens.owner("owner-1"))) {
            try (WsClient client = WsClient.connect(WsClient.ws(uri), token)) {
                client.send("{\"type\":\"ping\"}");
                client.await(WsClient.type("pong"), Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void aBrowserCarriesTheTokenInTheSubprotocolAndItIsNotLogged() throws Exception {
        String token = TestTokens.policies("browser-1", "READ");
        WsClient.Attempt a = WsClient.attempt(WsClient.ws(uri), Map.of("Origin", "http://localhost:5173"),
                List.of("bearer-token-carrier", "quarkus-http-upgrade#Authorization#Bearer%20" + token));
        assertThat(a.accepted()).as("refused with %s", a.refusedStatus()).isTrue();
        try (WsClient client = a.client()) {
            assertThat(client.subprotocol()).isEqualTo("bearer-token-carrier");
            client.send("{\"type\":\"ping\"}");
            client.await(WsClient.type("pong"), Duration.ofSeconds(10));
        }
        // The capture works (the gateway logs the opening at DEBUG in tests), and the token is in no line.
        assertThat(logged()).anyMatch(line -> line.contains("browser-1"));
        assertThat(logged()).noneMatch(line -> line.contains(token));
    }

    @Test
    void aSubprotocolWithABadTokenIsRefused() {
        WsClient.Attempt a = WsClient.attempt(WsClient.ws(uri), Map.of(),
                List.of("bearer-token-carrier", "quarkus-http-upgrade#Authorization#Bearer%20garbage"));
        assertThat(a.accepted()).isFalse();
        assertThat(a.refusedStatus()).isEqualTo(401);
    }

    @Test
    void aForeignOriginIsRefusedWith403EvenWithAnOwnerToken() {
        String owner = TestTokens.owner("owner-2");
        assertThat(refused(Map.of("Authorization", "Bearer " + owner, "Origin", "http://evil.example")))
                .isEqualTo(403);
        // Same host name, other port: another origin.
        assertThat(refused(Map.of("Authorization", "Bearer " + owner, "Origin", "http://localhost:1")))
                .isEqualTo(403);
    }

    @Test
    void programsWithoutOriginAndTheGatewaysOwnOriginGetIn() {
        String owner = TestTokens.owner("owner-3");
        assertThat(refused(bearer(owner))).isZero();
        String own = "http://" + uri.getHost() + ":" + uri.getPort();
        assertThat(refused(Map.of("Authorization", "Bearer " + owner, "Origin", own))).isZero();
        assertThat(refused(Map.of("Authorization", "Bearer " + owner, "Origin", "http://localhost:3000")))
                .isZero();
    }
}
