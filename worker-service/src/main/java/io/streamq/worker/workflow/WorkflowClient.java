package io.streamq.worker.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobFailure;
import io.streamq.worker.integration.Failures;
import io.streamq.worker.integration.IntegrationHttp;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workflow engine's HTTP API. Each call carries {@code Idempotency-Key: <jobId>} so a retried or recovered job
 * does not start a second run or execute a step twice. 409 means the run has already finished: not retryable,
 * code {@code run-finished}.
 */
@ApplicationScoped
public class WorkflowClient {

    static final String INTEGRATION = "Workflow engine";

    private final IntegrationHttp http;
    private final IntegrationsConfig.Workflows config;

    public WorkflowClient(IntegrationHttp http, IntegrationsConfig config) {
        this.http = http;
        this.config = config.workflows();
    }

    JsonNode post(JobContext context, String path, Object body) throws JobFailure, InterruptedException {
        String base = config.baseUrl().filter(s -> !s.isBlank())
                .orElseThrow(() -> Failures.notConfigured(INTEGRATION, "streamq.integrations.workflows.base-url"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Idempotency-Key", context.job().jobId());
        config.apiKey().filter(k -> !k.isBlank()).ifPresent(k -> headers.put("Authorization", "Bearer " + k));
        try {
            return http.json(INTEGRATION, "POST", IntegrationHttp.resolve(base, path), headers, body,
                    context.timeout());
        } catch (Failures.HttpStatusFailure e) {
            if (e.status() == 409) {
                throw Failures.rejected(Failures.RUN_FINISHED, INTEGRATION + " says the run has already finished");
            }
            throw e;
        }
    }

    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
