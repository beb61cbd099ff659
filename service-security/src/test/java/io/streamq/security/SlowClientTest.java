package io.streamq.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamq.testing.RedisTestResource;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that announces a body and stops sending halfway cannot hold its connection: the server closes it after
 * quarkus.http.idle-timeout (1 s here; the library's default is 75 s), without an ERROR in the log.
 */
@QuarkusTest
@TestProfile(SlowClientTest.ShortIdleTimeout.class)
@QuarkusTestResource(RedisTestResource.class)
class SlowClientTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "1s");
        }
    }

    @TestHTTPResource("/")
    URL url;

    @Test
    void aBodyThatStopsHalfwayGetsTheConnectionClosed() throws Exception {
        StalledBody client = new StalledBody();

        StalledBody.assertNotServed(client.send(url));
        assertThat(client.logged(Level.SEVERE)).isEmpty();
    }
}
