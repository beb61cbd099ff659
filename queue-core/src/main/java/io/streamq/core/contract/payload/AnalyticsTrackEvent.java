package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;

import static io.streamq.core.contract.payload.PayloadPatterns.EVENT_NAME;
import static io.streamq.core.contract.payload.PayloadPatterns.EVENT_NAME_MESSAGE;
import static io.streamq.core.contract.payload.PayloadPatterns.MAP_KEY_MAX_LENGTH;

/**
 * Record one analytics event. {@code occurredAt} is the client's clock, which may run a little ahead of ours;
 * see {@link NotFarInFuture} for why a five-minute allowance instead of {@code @PastOrPresent}.
 */
@JobContract(name = "analytics.track-event", queue = QueueName.ANALYTICS)
public record AnalyticsTrackEvent(
        @NotNull @Pattern(regexp = EVENT_NAME, message = EVENT_NAME_MESSAGE) String event,
        @Size(max = 50) Map<@Size(max = MAP_KEY_MAX_LENGTH) String, Object> properties,
        @NotNull @NotFarInFuture(seconds = 300) Instant occurredAt) implements JobPayload {
}
