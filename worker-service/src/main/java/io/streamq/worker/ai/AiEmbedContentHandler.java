package io.streamq.worker.ai;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.AiEmbedContent;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import io.streamq.worker.integration.Failures;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/** ai.embed-content: one embeddings call; the result holds the vector, its dimensions and the usage. */
@ApplicationScoped
public class AiEmbedContentHandler implements JobHandler {

    public record Result(String contentId, String model, int dimensions, double[] embedding, AiClient.Usage usage) {
    }

    private final AiClient ai;

    public AiEmbedContentHandler(AiClient ai) {
        this.ai = ai;
    }

    @Override
    public JobType type() {
        return JobType.AI_EMBED_CONTENT;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        AiEmbedContent job = context.payload(AiEmbedContent.class);
        JsonNode answer = ai.post(context, "/embeddings", Map.of("model", job.model(), "input", job.text()));
        JsonNode vector = answer.path("data").path(0).path("embedding");
        if (!vector.isArray() || vector.isEmpty()) {
            throw Failures.invalidResponse(AiClient.INTEGRATION, "embeddings without a vector");
        }
        double[] embedding = new double[vector.size()];
        for (int i = 0; i < embedding.length; i++) {
            if (!vector.get(i).isNumber()) {
                throw Failures.invalidResponse(AiClient.INTEGRATION, "an embedding with a non-numeric component");
            }
            embedding[i] = vector.get(i).asDouble();
        }
        Result result = new Result(job.contentId(), answer.path("model").asText(job.model()), embedding.length,
                embedding, AiClient.Usage.of(answer.path("usage")));
        context.log("Embedding by %s: %d dimensions, %d tokens", result.model(), result.dimensions(),
                result.usage().totalTokens());
        return result;
    }
}
