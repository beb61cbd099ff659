package io.streamq.producer;

import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.RedisTestResource;

/** Raw looks into the test's Redis, with keys from QueueKeys only. */
final class TestRedis {

    private static final String RATE_LIMIT_PREFIX = "sec:{rl:";

    private TestRedis() {
    }

    static String command(String... args) {
        return RedisTestResource.server().command(args);
    }

    static long streamLength(QueueName queue) {
        return Long.parseLong(command("XLEN", QueueKeys.of(queue).stream()));
    }

    /**
     * Keys in Redis, rate-limit buckets left out: every limited request (even a refused one) touches its buckets,
     * which expire again within milliseconds, so they would make "nothing was written" checks flaky. They are the
     * library's bookkeeping, not data; the checks are about jobs and idempotency keys.
     */
    static long dbSize() {
        String keys = command("KEYS", "*");
        return keys.lines().filter(k -> !k.isEmpty() && !k.startsWith(RATE_LIMIT_PREFIX)).count();
    }


    static boolean jobExists(QueueName queue, String id) {
        return "1".equals(command("EXISTS", QueueKeys.of(queue).job(id)));
    }

    static String jobField(QueueName queue, String id, String field) {
        return command("HGET", QueueKeys.of(queue).job(id), field);
    }

    static String storedPayload(QueueName queue, String id) {
        return command("GET", QueueKeys.of(queue).payload(id));
    }
}
