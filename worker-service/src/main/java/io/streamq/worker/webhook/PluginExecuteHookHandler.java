package io.streamq.worker.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.PluginExecuteHook;
import io.streamq.core.event.DomainEventType;
import io.streamq.worker.engine.WorkerConfig;
import io.streamq.worker.handler.HandlerEvents;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import io.streamq.worker.integration.Failures;
import io.streamq.worker.integration.IntegrationHttp;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static io.streamq.core.event.DomainEvent.fields;

/**
 * Delivers a plugin hook as a signed HTTP POST through the shared {@link IntegrationHttp} client: the destination
 * (and every redirect hop) must pass the outbound guard, and failures are classified in one place
 * ({@link Failures}): 5xx, 408/425/429, timeouts and connection failures retry with the queue's backoff; other
 * 4xx and refused destinations do not.
 */
@ApplicationScoped
public class PluginExecuteHookHandler implements JobHandler {

    static final String INTEGRATION = "Webhook";

    public record Result(int status, long responseBytes) {
    }

    private final ObjectMapper mapper;
    private final IntegrationHttp http;
    private final Optional<WebhookSigner> signer;
    private final HandlerEvents events;

    public PluginExecuteHookHandler(ObjectMapper mapper, WorkerConfig config, IntegrationHttp http,
                                    HandlerEvents events) {
        this.mapper = mapper;
        this.http = http;
        this.signer = config.webhookSigningSecret().filter(s -> !s.isBlank()).map(WebhookSigner::new);
        this.events = events;
    }

    @Override
    public JobType type() {
        return JobType.PLUGIN_EXECUTE_HOOK;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        WebhookSigner webhookSigner = signer.orElseThrow(() -> Failures.notConfigured("Webhook",
                "streamq.worker.webhook-signing-secret"));
        PluginExecuteHook hook = context.payload(PluginExecuteHook.class);
        String body = mapper.writeValueAsString(hook.body() == null ? Map.of() : hook.body());
        long timestamp = System.currentTimeMillis() / 1000;
        String jobId = context.job().jobId();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Streamq-Job-Id", jobId);
        headers.put("X-Streamq-Attempt", Integer.toString(context.job().attempt()));
        headers.put("X-Streamq-Plugin", hook.pluginId());
        headers.put("X-Streamq-Hook", hook.hook());
        headers.put("X-Streamq-Timestamp", Long.toString(timestamp));
        headers.put("X-Streamq-Signature", webhookSigner.sign(timestamp, jobId, body));
        URI url = URI.create(hook.url());
        IntegrationHttp.Reply reply = http.exchange(context, INTEGRATION, "POST", url, headers, body);
        if (!reply.success()) {
            throw Failures.forStatus(INTEGRATION, reply.status());
        }
        // The host only: a hook URL's path and query often are its credentials (a token, a signed path).
        events.publish(context, DomainEventType.PLUGIN_HOOK_DELIVERED, fields("pluginId", hook.pluginId(),
                "hook", hook.hook(), "status", reply.status(), "host", url.getHost()));
        return new Result(reply.status(), reply.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
}
