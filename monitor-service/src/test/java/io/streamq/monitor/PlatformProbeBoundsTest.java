package io.streamq.monitor;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.RedisTestServer;
import io.streamq.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A probed service that answers its readiness with an endless (here: 64 MB) body: monitor-service stops reading
 * after a small bound instead of holding all of it in memory, and says why the service is not UP.
 */
@QuarkusTest
@TestProfile(PlatformProbeBoundsTest.Garbage.class)
@WithTestResource(RedisTestResource.class)
class PlatformProbeBoundsTest {

    static final int GARBAGE_PORT = RedisTestServer.freePort();
    private static final long SERVED_AT_MOST = 64L << 20;

    /** producer-service is a server answering 200 with a body that does not end. */
    public static class Garbage implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("streamq.monitor.platform.producer-url", "http://127.0.0.1:" + GARBAGE_PORT,
                    "streamq.monitor.platform.timeout", "2s");
        }
    }

    private static final AtomicLong served = new AtomicLong();
    private static final CountDownLatch answered = new CountDownLatch(1);
    private static HttpServer server;

    @BeforeAll
    static void startGarbage() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", GARBAGE_PORT), 0);
        server.createContext("/q/health/ready", exchange -> {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"status\":\"UP\",\"checks\":[],\"pad\":\"".getBytes(StandardCharsets.UTF_8));
                while (served.get() < SERVED_AT_MOST) {
                    out.write(chunk);
                    served.addAndGet(chunk.length);
                }
                out.write("\"}".getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedByTheClient) {
                // what a bounded reader does
            } finally {
                answered.countDown();
            }
        });
        server.start();
    }

    @AfterAll
    static void stopGarbage() {
        server.stop(0);
    }

    @Test
    void anEndlessReadinessAnswerIsReadOnlyUpToABound() throws InterruptedException {
        JsonPath h = Api.get(TestTokens.owner(), "/owner/platform/health").then().statusCode(200).extract()
                .jsonPath();

        assertThat(answered.await(30, TimeUnit.SECONDS)).isTrue();
        // Socket buffers take some megabytes past the bound; reading on to the end took all 64.
        assertThat(served.get()).isLessThan(16L << 20);
        assertThat(h.getString("services.find { it.name == 'producer-service' }.state")).isEqualTo("DOWN");
        assertThat(h.getString("services.find { it.name == 'producer-service' }.error")).contains("longer than");
    }
}
