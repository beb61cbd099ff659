package io.streamq.worker.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.PluginExecuteHook;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobFailure;
import io.streamq.worker.handler.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;
import io.streamq.worker.engine.WorkerConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Delivers a plugin hook as a signed HTTP POST. 2xx completes the job; 3xx (never followed) and 4xx mean the
 * request itself is wrong,
 * so retrying cannot help (except 408, 425 and 429, which ask to come back later); 5xx, timeouts and connection
 * failures are retried with the queue's backoff.
 */
@ApplicationScoped
public class PluginExecuteHookHandler implements JobHandler {

    private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(408, 425, 429);

    public record Result(int status, long responseBytes) {
    }

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final ObjectMapper mapper;
    private final Optional<WebhookSigner> signer;

    public PluginExecuteHookHandler(ObjectMapper mapper, WorkerConfig config) {
        this.mapper = mapper;
        this.signer = config.webhookSigningSecret().filter(s -> !s.isBlank()).map(WebhookSigner::new);
    }

    @Override
    public JobType type() {
        return JobType.PLUGIN_EXECUTE_HOOK;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        WebhookSigner webhookSigner = signer.orElseThrow(() -> new JobFailure("integration-not-configured",
                "No webhook signing secret is configured (streamq.worker.webhook-signing-secret)", false));
        PluginExecuteHook hook = context.payload(PluginExecuteHook.class);
        String body = mapper.writeValueAsString(hook.body() == null ? java.util.Map.of() : hook.body());
        long timestamp = System.currentTimeMillis() / 1000;
        String jobId = context.job().jobId();
        HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url()))
                .timeout(context.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "streamq-worker")
                .header("X-Streamq-Job-Id", jobId)
                .header("X-Streamq-Attempt", Integer.toString(context.job().attempt()))
                .header("X-Streamq-Plugin", hook.pluginId())
                .header("X-Streamq-Hook", hook.hook())
                .header("X-Streamq-Timestamp", Long.toString(timestamp))
                .header("X-Streamq-Signature", webhookSigner.sign(timestamp, jobId, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new JobFailure("timeout", "Webhook did not answer within " + context.timeout().toMillis() + " ms",
                    true, e);
        } catch (IOException e) {
            throw new JobFailure("connection-failed", "Webhook unreachable: " + e.getMessage(), true, e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Result(status, response.body().length);
        }
        boolean clientError = status >= 300 && status < 500 && !RETRYABLE_CLIENT_ERRORS.contains(status);
        throw new JobFailure(clientError ? "http-client-error" : "http-server-error",
                "Webhook answered HTTP " + status, !clientError);
    }
}
