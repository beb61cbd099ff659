package io.streamq.dlq.api;

import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Optional filters of POST /owner/dlq/clear (docs/dlq.md#clear); none clears everything. */
public record ClearRequest(@Size(max = 32) String originalQueue, @PositiveOrZero Integer minReplayCount) {
}
