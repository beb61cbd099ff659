package io.streamq.worker.ai;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.AiModerateContent;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import io.streamq.worker.integration.Failures;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ai.moderate-content: one moderations call. Flagged content is a successful classification (the result says
 * {@code flagged: true} and which categories); deciding what to do with it is the producer's business.
 */
@ApplicationScoped
public class AiModerateContentHandler implements JobHandler {

    public record Result(String contentId, String model, boolean flagged, List<String> flaggedCategories,
                         Map<String, Double> scores) {
    }

    private final AiClient ai;

    public AiModerateContentHandler(AiClient ai) {
        this.ai = ai;
    }

    @Override
    public JobType type() {
        return JobType.AI_MODERATE_CONTENT;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        AiModerateContent job = context.payload(AiModerateContent.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("input", job.text());
        ai.moderationModel().ifPresent(m -> body.put("model", m));
        JsonNode answer = ai.post(context, "/moderations", body);
        JsonNode first = answer.path("results").path(0);
        if (!first.path("flagged").isBoolean()) {
            throw Failures.invalidResponse(AiClient.INTEGRATION, "moderation results without a flagged verdict");
        }
        List<String> categories = new ArrayList<>();
        first.path("categories").properties().forEach(e -> {
            if (e.getValue().asBoolean()) {
                categories.add(e.getKey());
            }
        });
        Map<String, Double> scores = new LinkedHashMap<>();
        first.path("category_scores").properties().forEach(e -> scores.put(e.getKey(), e.getValue().asDouble()));
        Result result = new Result(job.contentId(), answer.path("model").asText(null),
                first.get("flagged").asBoolean(), categories, scores);
        context.log("Moderation by %s: %s", result.model(),
                result.flagged() ? "flagged " + result.flaggedCategories() : "not flagged");
        return result;
    }
}
