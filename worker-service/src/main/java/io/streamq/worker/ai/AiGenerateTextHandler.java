package io.streamq.worker.ai;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.AiGenerateText;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** ai.generate-text: one chat completion of the prompt with the job's model; the text and usage are the result. */
@ApplicationScoped
public class AiGenerateTextHandler implements JobHandler {

    private final AiClient ai;

    public AiGenerateTextHandler(AiClient ai) {
        this.ai = ai;
    }

    @Override
    public JobType type() {
        return JobType.AI_GENERATE_TEXT;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        AiGenerateText job = context.payload(AiGenerateText.class);
        return ai.chat(context, job.model(), null, job.prompt(), job.maxTokens(), job.temperature());
    }
}
