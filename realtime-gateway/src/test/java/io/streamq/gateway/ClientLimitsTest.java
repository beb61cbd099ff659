package io.streamq.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamq.gateway.session.Sessions;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static io.streamq.gateway.ClientLimitsProfile.BURST;
import static io.streamq.gateway.ClientLimitsProfile.PER_IP;
import static io.streamq.gateway.ClientLimitsProfile.PER_SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A connection's message rate and the connections a subject or an IP may hold ({@link ClientLimitsProfile}). */
@QuarkusTest
@TestProfile(ClientLimitsProfile.class)
@QuarkusTestResource(RedisTestResource.class)
class ClientLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int FLOOD = 60;

    @TestHTTPResource("/owner/realtime")
    URI uri;

    @Inject
    Sessions sessions;

    /** Connections of the previous test are gone (their close is asynchronous), so each test starts with a free IP. */
    @BeforeEach
    void noConnectionsLeft() {
        await().atMost(WAIT).until(() -> sessions.count() == 0);
    }

    @Test
    void pastTheBurstAMessageGetsAnErrorFrameAndTheConnectionStaysOpen() throws Exception {
        try (WsClient client = admitted(TestTokens.owner("eager"))) {
            // At 1 message per second, pings answered within milliseconds spend the burst long before it refills.
            JsonNode answer;
            int pongs = 1;
            do {
                client.send("{\"type\":\"ping\"}");
                answer = client.await(WsClient.type("pong").or(WsClient.type("error")), WAIT);
            } while (WsClient.type("pong").test(answer) && ++pongs < FLOOD);
            assertThat(answer.path("code").asText()).isEqualTo("rate_limited");
            assertThat(pongs).isGreaterThanOrEqualTo(BURST);
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void aClientThatKeepsFloodingIsClosedWith1008() throws Exception {
        try (WsClient client = admitted(TestTokens.owner("flooder"))) {
            for (int i = 0; i < FLOOD && !client.isClosed(); i++) {
                client.sendUnlessClosed("{\"type\":\"subscribe_queue\",\"queue\":\"ai\"}");
            }
            assertThat(client.awaitClose(WAIT)).isEqualTo(1008);
            assertThat(client.closeReason()).isEqualTo("message rate exceeded");
            // Frames queued when the close went out may be lost; what arrived never exceeds the allowance.
            while (client.next(Duration.ofMillis(200)) != null) {
                // read what arrived before the close
            }
            assertThat(client.seen().stream().filter(WsClient.type("ack")).count()).isLessThan(2L * BURST);
        }
    }

    @Test
    void aSubjectHoldsAtMostItsCapOfConnections() throws Exception {
        assertThat(PER_SUBJECT).isEqualTo(2);
        String token = TestTokens.owner("tabs");
        try (WsClient first = admitted(token);
             WsClient second = admitted(token);
             WsClient third = WsClient.connect(WsClient.ws(uri), token)) {
            assertThat(third.awaitClose(WAIT)).isEqualTo(1008);
            second.send("{\"type\":\"ping\"}");
            second.await(WsClient.type("pong"), WAIT);

            // Closing one frees its slot.
            first.close();
            await().atMost(WAIT).until(() -> sessions.count() == 1);
            admitted(token).close();
        }
    }

    @Test
    void anIpHoldsAtMostItsCapOfConnectionsWhateverTheSubjects() throws Exception {
        assertThat(PER_IP).isEqualTo(3);
        try (WsClient a = admitted(TestTokens.owner("ip-a"));
             WsClient b = admitted(TestTokens.owner("ip-b"));
             WsClient c = admitted(TestTokens.owner("ip-c"));
             WsClient d = WsClient.connect(WsClient.ws(uri), TestTokens.owner("ip-d"))) {
            assertThat(d.awaitClose(WAIT)).isEqualTo(1008);
            assertThat(List.of(a, b, c)).noneMatch(WsClient::isClosed);
        }
    }

    /** A connection that answers a ping: the gateway counted it before the next one opens. */
    private WsClient admitted(String token) throws InterruptedException {
        WsClient client = WsClient.connect(WsClient.ws(uri), token);
        client.send("{\"type\":\"ping\"}");
        client.await(WsClient.type("pong"), WAIT);
        return client;
    }
}
