package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;

/** Summarize a document's text. */
@JobContract(name = "ai.summarize-document", queue = QueueName.AI)
public record AiSummarizeDocument(
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String documentId,
        @NotBlank @Size(max = 200_000) String text) implements JobPayload {
}
