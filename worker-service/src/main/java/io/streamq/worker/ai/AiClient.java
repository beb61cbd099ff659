package io.streamq.worker.ai;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobFailure;
import io.streamq.worker.integration.Failures;
import io.streamq.worker.integration.IntegrationHttp;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/** The client of an OpenAI-compatible API: chat completions, embeddings, moderations. */
@ApplicationScoped
public class AiClient {

    static final String INTEGRATION = "AI API";

    /** Token usage as the provider reported it (zeros when it did not). */
    public record Usage(long promptTokens, long completionTokens, long totalTokens) {
        static Usage of(JsonNode usage) {
            return new Usage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong(),
                    usage.path("total_tokens").asLong());
        }
    }

    public record Completion(String model, String text, String finishReason, Usage usage) {
    }

    private final IntegrationHttp http;
    private final IntegrationsConfig.Ai config;

    public AiClient(IntegrationHttp http, IntegrationsConfig config) {
        this.http = http;
        this.config = config.ai();
    }

    String baseUrl() throws JobFailure {
        return config.baseUrl().filter(s -> !s.isBlank())
                .orElseThrow(() -> Failures.notConfigured(INTEGRATION, "streamq.integrations.ai.base-url"));
    }

    String defaultModel() throws JobFailure {
        return config.model().filter(s -> !s.isBlank())
                .orElseThrow(() -> Failures.notConfigured(INTEGRATION, "streamq.integrations.ai.model"));
    }

    int summaryMaxTokens() {
        return config.summaryMaxTokens();
    }

    Completion chat(JobContext context, String model, String system, String user, Integer maxTokens,
                    Double temperature) throws JobFailure, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        java.util.List<Map<String, String>> messages = new java.util.ArrayList<>();
        if (system != null) {
            messages.add(Map.of("role", "system", "content", system));
        }
        messages.add(Map.of("role", "user", "content", user));
        body.put("messages", messages);
        if (maxTokens != null) {
            body.put("max_tokens", maxTokens);
        }
        if (temperature != null) {
            body.put("temperature", temperature);
        }
        JsonNode answer = post(context, "/chat/completions", body);
        JsonNode choice = answer.path("choices").path(0);
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual()) {
            throw Failures.invalidResponse(INTEGRATION, "a chat completion without message content");
        }
        Completion completion = new Completion(answer.path("model").asText(model), content.asText(),
                choice.path("finish_reason").asText(null), Usage.of(answer.path("usage")));
        // Neither the prompt nor the answer: they are the producer's content, not the job's story.
        context.log("Chat completion by %s: %d characters, finish %s, %d tokens (%d prompt, %d completion)",
                completion.model(), completion.text().length(), completion.finishReason(),
                completion.usage().totalTokens(), completion.usage().promptTokens(),
                completion.usage().completionTokens());
        return completion;
    }

    JsonNode post(JobContext context, String path, Object body) throws JobFailure, InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>();
        config.apiKey().filter(k -> !k.isBlank()).ifPresent(k -> headers.put("Authorization", "Bearer " + k));
        return http.json(context, INTEGRATION, "POST", IntegrationHttp.resolve(baseUrl(), path), headers, body);
    }

    java.util.Optional<String> moderationModel() {
        return config.moderationModel().filter(s -> !s.isBlank());
    }
}
