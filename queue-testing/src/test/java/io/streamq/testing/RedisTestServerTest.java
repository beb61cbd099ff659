package io.streamq.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
