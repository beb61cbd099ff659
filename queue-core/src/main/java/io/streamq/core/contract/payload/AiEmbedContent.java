package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;
import static io.streamq.core.contract.payload.PayloadPatterns.MODEL;
import static io.streamq.core.contract.payload.PayloadPatterns.MODEL_MESSAGE;

/** Compute an embedding vector of a piece of content with the given model. */
@JobContract(name = "ai.embed-content", queue = QueueName.AI)
public record AiEmbedContent(
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String contentId,
        @NotBlank @Size(max = 32_000) String text,
        @NotNull @Pattern(regexp = MODEL, message = MODEL_MESSAGE) String model) implements JobPayload {
}
