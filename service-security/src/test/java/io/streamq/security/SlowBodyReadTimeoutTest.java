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
 * A body read by a worker thread (blocking reads) that stops halfway: after quarkus.http.read-timeout (1 s here; the
 * library's default is 30 s) the connection is closed, without an ERROR in the log, although the idle timeout (75 s)
 * is far off.
 */
@QuarkusTest
@TestProfile(SlowBodyReadTimeoutTest.ShortReadTimeout.class)
@QuarkusTestResource(RedisTestResource.class)
class SlowBodyReadTimeoutTest {

    public static class ShortReadTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.read-timeout", "1s");
        }
    }

    @TestHTTPResource("/")
    URL url;

    @Test
    void aBlockingReadThatWaitsTooLongClosesTheConnection() throws Exception {
        StalledBody client = new StalledBody();

        StalledBody.assertNotServed(client.send(url));
        assertThat(client.logged(Level.SEVERE)).isEmpty();
    }
}
