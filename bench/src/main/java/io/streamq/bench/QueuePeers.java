package io.streamq.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.streamq.testing.PeerServer;
import io.streamq.testing.RedisTestServer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The peers the six-queue run's handlers call, in the bench's JVM on free loopback ports: one HTTP server playing the
 * AI API, the workflow engine and the plugin registry (answering at once, a fixed answer per route), and GreenMail
 * for SMTP. Their CPU is the bench JVM's, not the worker's; they share the machine's cores with it.
 */
final class QueuePeers implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final PeerServer http;
    private final GreenMail smtp;

    private QueuePeers(PeerServer http, GreenMail smtp) {
        this.http = http;
        this.smtp = smtp;
    }

    static QueuePeers start() {
        PeerServer http = new PeerServer(HOST, 0);
        http.onJson("/ai/v1/moderations", 200, """
                {"model":"bench-moderation","results":[{"flagged":false,"categories":{"hate":false},\
                "category_scores":{"hate":0.01}}]}""");
        http.onJson("/engine/workflows/" + SixQueueJobs.WORKFLOW_ID + "/runs", 201,
                "{\"runId\":\"run-bench\",\"status\":\"running\"}");
        http.onJson("/registry/plugins/" + SixQueueJobs.PLUGIN_ID + "/versions/" + SixQueueJobs.PLUGIN_VERSION
                + "/manifest", 200, "{\"id\":\"" + SixQueueJobs.PLUGIN_ID + "\",\"version\":\""
                + SixQueueJobs.PLUGIN_VERSION + "\",\"hooks\":[\"bench.done\"]}");
        GreenMail smtp = new GreenMail(new ServerSetup(RedisTestServer.freePort(), HOST, ServerSetup.PROTOCOL_SMTP));
        try {
            smtp.start();
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
        return new QueuePeers(http, smtp);
    }

    /** The worker's settings that point its integrations here (application.properties names them). */
    Map<String, String> workerEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STREAMQ_AI_BASE_URL", http.url("/ai/v1"));
        env.put("STREAMQ_AI_API_KEY", "bench-ai-key");
        env.put("STREAMQ_AI_MODEL", "bench-model");
        env.put("STREAMQ_WORKFLOWS_BASE_URL", http.url("/engine"));
        env.put("STREAMQ_WORKFLOWS_API_KEY", "bench-workflows-key");
        env.put("STREAMQ_PLUGIN_REGISTRY_URL", http.url("/registry"));
        env.put("QUARKUS_MAILER_HOST", HOST);
        env.put("QUARKUS_MAILER_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("QUARKUS_MAILER_FROM", "streamq@example.test");
        // The peers are on loopback, which the outbound guard refuses unless allowed.
        env.put("WORKER_OUTBOUND_ALLOW", HOST + "/32");
        return env;
    }

    /** Mails GreenMail received: the email queue's jobs each send one. */
    int mailsReceived() {
        return smtp.getReceivedMessages().length;
    }

    @Override
    public void close() {
        http.close();
        smtp.stop();
    }
}
