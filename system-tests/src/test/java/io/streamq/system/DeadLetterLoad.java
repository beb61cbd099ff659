package io.streamq.system;

import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes dead letters the way fail-to-dlq.lua hands them over ({@code dlq.record-failure} records on each queue's dead
 * stream), fast: one RESP file of XADDs piped through {@code redis-cli --pipe}. dlq-service's forwarder then stores them
 * through its real path. Errors, queues, types, times (spread over the last two days) and replay counts vary the way a
 * real DLQ's do, so every index and analytics counter gets a realistic shape.
 */
final class DeadLetterLoad {

    private static final List<QueueName> QUEUES = QueueName.workQueues().stream().toList();
    private static final String[] TYPES = {"ai.generate-text", "workflow.start-run", "analytics.track-event",
            "email.send-transactional", "plugin.execute-hook", "system.cleanup"};
    private static final String[] CODES = {"timeout", "upstream-down", "invalid-payload", "quota-exceeded",
            "http-server-error"};

    private DeadLetterLoad() {
    }

    static void write(int redisPort, int count, long nowMs, Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("dead-letters.resp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (int i = 0; i < count; i++) {
                int q = i % QUEUES.size();
                QueueName queue = QUEUES.get(q);
                String code = CODES[(i / 7) % CODES.length];
                long failedAt = nowMs - (long) (i % 172_800) * 1_000;
                command(out, "XADD", QueueKeys.of(queue).deadStream(), "*",
                        "type", "dlq.record-failure", "originalQueue", queue.wireName(),
                        "originalJobId", queue.wireName() + "-" + (10_000_000 + i), "originalJobName", TYPES[q],
                        "errorName", "LoadError", "errorMessage", code + " while calling the peer (request " + i % 997 + ")",
                        "errorStack", "", "errorCode", code, "firstFailedAt", Long.toString(failedAt - 60_000),
                        "lastFailedAt", Long.toString(failedAt), "attemptsMade", "3",
                        "payload", "{\"n\":" + i + ",\"customer\":\"c-" + i % 5000 + "\"}",
                        "tenantId", "tenant-" + i % 20, "workspaceId", "ws-1", "actorId", "",
                        "replayCount", Integer.toString(i % 100 == 0 ? 1 + i % 4 : 0));
            }
        }
        Process pipe = new ProcessBuilder("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(redisPort), "--pipe")
                .redirectInput(file.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("dead-letters.pipe.log").toFile()).start();
        if (!pipe.waitFor(5, TimeUnit.MINUTES) || pipe.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --pipe failed; see " + dir.resolve("dead-letters.pipe.log"));
        }
        Files.delete(file);
    }

    private static void command(OutputStream out, String... args) throws IOException {
        out.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String a : args) {
            byte[] b = a.getBytes(StandardCharsets.UTF_8);
            out.write(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
