package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;

/** Classify a piece of content against the moderation policy. */
@JobContract(name = "ai.moderate-content", queue = QueueName.AI)
public record AiModerateContent(
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String contentId,
        @NotBlank @Size(max = 32_000) String text) implements JobPayload {
}
