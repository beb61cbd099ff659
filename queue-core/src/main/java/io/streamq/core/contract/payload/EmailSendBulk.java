package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

import static io.streamq.core.contract.payload.PayloadPatterns.EMAIL_MAX_LENGTH;
import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;
import static io.streamq.core.contract.payload.PayloadPatterns.NAME;
import static io.streamq.core.contract.payload.PayloadPatterns.NAME_MESSAGE;

/** Send one template to many recipients; larger audiences are split into several jobs by the caller. */
@JobContract(name = "email.send-bulk", queue = QueueName.EMAIL)
public record EmailSendBulk(
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String campaignId,
        @NotNull @Size(min = 1, max = 1000)
        List<@NotBlank @Email @Size(max = EMAIL_MAX_LENGTH) String> recipients,
        @NotNull @Pattern(regexp = NAME, message = NAME_MESSAGE) String template) implements JobPayload {
}
