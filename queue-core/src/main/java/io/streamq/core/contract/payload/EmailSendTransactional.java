package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

import static io.streamq.core.contract.payload.PayloadPatterns.EMAIL_MAX_LENGTH;
import static io.streamq.core.contract.payload.PayloadPatterns.MAP_KEY_MAX_LENGTH;
import static io.streamq.core.contract.payload.PayloadPatterns.MAP_MAX_ENTRIES;
import static io.streamq.core.contract.payload.PayloadPatterns.NAME;
import static io.streamq.core.contract.payload.PayloadPatterns.NAME_MESSAGE;

/** Send one templated email; {@code variables} fill the template and may be absent. */
@JobContract(name = "email.send-transactional", queue = QueueName.EMAIL)
public record EmailSendTransactional(
        @NotBlank @Email @Size(max = EMAIL_MAX_LENGTH) String to,
        @NotNull @Pattern(regexp = NAME, message = NAME_MESSAGE) String template,
        @Size(max = MAP_MAX_ENTRIES) Map<@Size(max = MAP_KEY_MAX_LENGTH) String, Object> variables)
        implements JobPayload {
}
