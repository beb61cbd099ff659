package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import static io.streamq.core.contract.payload.PayloadPatterns.MODEL;
import static io.streamq.core.contract.payload.PayloadPatterns.MODEL_MESSAGE;

/** Generate text from a prompt. {@code temperature} is optional; the provider's default applies when absent. */
@JobContract(name = "ai.generate-text", queue = QueueName.AI)
public record AiGenerateText(
        @NotBlank @Size(max = 32_000) String prompt,
        @NotNull @Pattern(regexp = MODEL, message = MODEL_MESSAGE) String model,
        @NotNull @Min(1) @Max(32_768) Integer maxTokens,
        @DecimalMin("0.0") @DecimalMax("2.0") Double temperature) implements JobPayload {
}
