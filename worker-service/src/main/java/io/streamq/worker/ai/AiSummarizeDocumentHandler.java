package io.streamq.worker.ai;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.AiSummarizeDocument;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * ai.summarize-document: a chat completion with the configured default model, asked for a summary. The document is
 * sent whole (no chunking), so progress is 100 once the summary arrived, with the tokens it cost.
 */
@ApplicationScoped
public class AiSummarizeDocumentHandler implements JobHandler {

    static final String INSTRUCTION = "Summarize the user's document in a few sentences. Keep facts, names and "
            + "numbers; add nothing that is not in the document.";

    public record Result(String documentId, String model, String summary, String finishReason, AiClient.Usage usage) {
    }

    private final AiClient ai;

    public AiSummarizeDocumentHandler(AiClient ai) {
        this.ai = ai;
    }

    @Override
    public JobType type() {
        return JobType.AI_SUMMARIZE_DOCUMENT;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        AiSummarizeDocument job = context.payload(AiSummarizeDocument.class);
        // The document goes to the model whole, in one completion: that call is the job's one step.
        AiClient.Completion c = ai.chat(context, ai.defaultModel(), INSTRUCTION, job.text(), ai.summaryMaxTokens(),
                null);
        context.progress(100, Map.of("tokens", c.usage().totalTokens()));
        return new Result(job.documentId(), c.model(), c.text(), c.finishReason(), c.usage());
    }
}
