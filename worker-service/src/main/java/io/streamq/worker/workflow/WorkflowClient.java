package io.streamq.worker.workflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.payload.PayloadPatterns;
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

    /** A job's progress once the engine answered: its run, and the run's status when the engine names one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RunProgress(String runId, String status) {
    }

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
            return http.json(context, INTEGRATION, "POST", IntegrationHttp.resolve(base, path), headers, body);
        } catch (Failures.HttpStatusFailure e) {
            if (e.status() == 409) {
                throw Failures.rejected(Failures.RUN_FINISHED, INTEGRATION + " says the run has already finished");
            }
            throw e;
        }
    }

    /**
     * Each workflow job is one call to the engine, so it is done (100) when the engine answered. The run id (the
     * job's, else the one the engine answered) and status are taken only when they are short identifiers, which keeps
     * the progress within its bound whatever the engine says. The answer is what the job's domain event tells.
     */
    static RunProgress reportDone(JobContext context, String runId, JsonNode answer) {
        String run = runId != null ? runId : identifier(answer.path("runId"));
        RunProgress done = new RunProgress(run, identifier(answer.path("status")));
        context.progress(100, done);
        return done;
    }

    private static String identifier(JsonNode value) {
        return value.isTextual() && value.asText().matches(PayloadPatterns.ID) ? value.asText() : null;
    }

    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
