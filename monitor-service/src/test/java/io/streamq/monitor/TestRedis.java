package io.streamq.monitor;

import io.streamq.testing.RedisTestResource;

/** Raw commands against the test's private Redis. */
final class TestRedis {
    private TestRedis() {
    }

    static String command(String... args) {
        return RedisTestResource.server().command(args);
    }
}
