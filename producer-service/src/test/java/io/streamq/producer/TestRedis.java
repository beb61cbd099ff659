package io.streamq.producer;

import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.testing.RedisTestResource;

/** Raw looks into the test's Redis, with keys from QueueKeys only. */
final class TestRedis {

    private TestRedis() {
    }

    static String command(String... args) {
        return RedisTestResource.server().command(args);
    }

    static long streamLength(QueueName queue) {
        return Long.parseLong(command("XLEN", QueueKeys.of(queue).stream()));
    }

    static long dbSize() {
        return Long.parseLong(command("DBSIZE"));
    }

    static boolean jobExists(QueueName queue, String id) {
        return "1".equals(command("EXISTS", QueueKeys.of(queue).job(id)));
    }

    static String jobField(QueueName queue, String id, String field) {
        return command("HGET", QueueKeys.of(queue).job(id), field);
    }
}
