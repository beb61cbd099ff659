package io.streamq.system;

import io.streamq.testing.RedisTestServer;
import io.streamq.testing.ServiceApp;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged worker-service refuses to start with a bad setting, and says which: every {@code @ConfigMapping} is
 * validated at start-up (the other services' mappings are checked by their own unit tests).
 */
class ConfigValidationIT {

    private final Path repo = Path.of(System.getProperty("streamq.repo.root", "..")).toAbsolutePath().normalize();
    private final Path work = Path.of(System.getProperty("streamq.system.work", "target")).toAbsolutePath()
            .resolve("ConfigValidationIT");

    @Test
    void aBadValueStopsTheServiceWithAMessageNamingTheProperty() throws Exception {
        Files.createDirectories(work);
        // Nothing listens there: a worker that got past its configuration would stay up, retrying Redis.
        Map<String, String> env = new HashMap<>(ServiceApp.baseEnv("redis://127.0.0.1:" + RedisTestServer.freePort(),
                work.resolve("no-key.pem"), "streamq-dev"));
        env.put("STREAMQ_WORKER_BATCH_SIZE", "0");
        env.put("STREAMQ_QUEUE_AI_VISIBILITY_TIMEOUT", "PT0.1S");
        try (ServiceApp worker = ServiceApp.start(repo, "worker-service", RedisTestServer.freePort(), env,
                work.resolve("logs"), work.resolve("apps"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !worker.alive());
            String log = Files.readString(worker.log());
            assertThat(log).contains("streamq.worker.batch-size", "streamq.queue.ai.visibility-timeout");
        }
    }
}
