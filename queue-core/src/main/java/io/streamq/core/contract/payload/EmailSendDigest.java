package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;

/** Send a user the digest of the given period's activity. */
@JobContract(name = "email.send-digest", queue = QueueName.EMAIL)
public record EmailSendDigest(
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String userId,
        @NotNull DigestPeriod period) implements JobPayload {
}
