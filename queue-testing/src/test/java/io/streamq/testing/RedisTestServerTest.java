package io.streamq.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisTestServerTest {

    @Test
    void startsAnswersAndStops() {
        int port;
        try (RedisTestServer redis = new RedisTestServer()) {
            port = redis.port();
            assertNotEquals(6379, port, "must never use the shared Redis port");
            assertEquals("redis://127.0.0.1:" + port, redis.uri());

            assertEquals("PONG", redis.command("PING"));
            assertEquals("OK", redis.command("SET", "greeting", "hello world"));
            assertEquals("hello world", redis.command("GET", "greeting"));
            assertNull(redis.command("GET", "missing"));
            assertEquals("3", redis.command("RPUSH", "list", "a", "b", "c"));
            assertEquals("a\nb\nc", redis.command("LRANGE", "list", "0", "-1"));
            assertEquals("1", redis.command("DEL", "greeting"));
            assertThrows(IllegalStateException.class, () -> redis.command("NOSUCHCOMMAND"));

            // nothing is persisted
            assertEquals("save\n", redis.command("CONFIG", "GET", "save"));
            assertEquals("appendonly\nno", redis.command("CONFIG", "GET", "appendonly"));
        }
        assertFalse(answers(port), "port " + port + " still answers after close()");
    }

    @Test
    void resourceGivesQuarkusTheServerUri() {
        RedisTestResource resource = new RedisTestResource();
        Map<String, String> config = resource.start();
        int port;
        try {
            String uri = config.get("quarkus.redis.hosts");
            assertTrue(uri.startsWith("redis://127.0.0.1:"), uri);
            port = Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1));
            assertEquals(port, RedisTestResource.server().port());
            assertEquals("PONG", RedisTestServer.command(port, "PING"));
        } finally {
            resource.stop();
        }
        assertFalse(answers(port));
    }

    @Test
    void twoServersGetDifferentPorts() {
        try (RedisTestServer a = new RedisTestServer(); RedisTestServer b = new RedisTestServer()) {
            assertNotEquals(a.port(), b.port());
            a.command("SET", "k", "a");
            assertNull(b.command("GET", "k"));
        }
    }

    @Test
    void restartKeepsPortAndDataAndDropsConnections() throws IOException {
        try (RedisTestServer redis = new RedisTestServer();
             Socket client = new Socket("127.0.0.1", redis.port())) {
            int port = redis.port();
            redis.command("SET", "k", "v");
            redis.command("XADD", "s", "1-1", "j", "job-1");
            redis.command("XGROUP", "CREATE", "s", "g", "0");
            redis.command("XREADGROUP", "GROUP", "g", "worker", "COUNT", "1", "STREAMS", "s", ">");

            long start = System.nanoTime();
            redis.restart(Duration.ofMillis(300));

            assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "down for the downtime");
            assertEquals(port, redis.port());
            assertEquals("v", redis.command("GET", "k"));
            // The pending entry (and so a worker's lease) survives, still owned by its consumer.
            assertEquals("1-1\nworker", redis.command("XPENDING", "s", "g", "-", "+", "10").lines().limit(2)
                    .reduce((a, b) -> a + "\n" + b).orElseThrow());
            client.setSoTimeout(1000);
            assertEquals(-1, client.getInputStream().read(), "a connection from before is closed");
        }
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
