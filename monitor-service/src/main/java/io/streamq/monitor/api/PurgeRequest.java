package io.streamq.monitor.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of POST /owner/queues/purge. */
public record PurgeRequest(@NotBlank @Size(max = 40) String queue) {
}
