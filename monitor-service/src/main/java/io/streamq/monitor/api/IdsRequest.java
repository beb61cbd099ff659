package io.streamq.monitor.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Body of bulk-retry and bulk-remove: 1 to 1,000 job ids of the path's queue. */
public record IdsRequest(@NotEmpty @Size(max = 1000) List<@NotEmpty @Size(max = 64) String> ids) {
}
