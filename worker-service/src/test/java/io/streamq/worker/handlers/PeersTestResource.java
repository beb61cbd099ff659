package io.streamq.worker.handlers;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Points the worker's integrations at peers on free loopback ports. The peers themselves ({@link Peers}) run in
 * the tests' class loader, started on these ports the first time a test asks for them; the app connects lazily.
 */
public class PeersTestResource implements QuarkusTestResourceLifecycleManager {

    static final String HTTP_PORT = "handlers-test.peer-http-port";
    static final String SMTP_PORT = "handlers-test.peer-smtp-port";
    static final String WORKFLOWS_KEY = "test-workflows-key";

    @Override
    public Map<String, String> start() {
        int http = freePort();
        int smtp = freePort();
        System.setProperty(HTTP_PORT, Integer.toString(http));
        System.setProperty(SMTP_PORT, Integer.toString(smtp));
        String base = "http://127.0.0.1:" + http;
        return Map.of(
                "streamq.integrations.ai.base-url", base + "/ai/v1",
                "streamq.integrations.ai.api-key", "test-ai-key",
                "streamq.integrations.ai.model", "summarizer-1",
                "streamq.integrations.workflows.base-url", base + "/engine",
                "streamq.integrations.workflows.api-key", WORKFLOWS_KEY,
                "streamq.integrations.plugins.registry-url", base + "/registry",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(smtp),
                "quarkus.mailer.from", "streamq@example.test");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        Peers.stop();
    }
}
