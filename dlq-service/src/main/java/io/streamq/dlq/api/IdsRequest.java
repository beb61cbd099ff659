package io.streamq.dlq.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Body of bulk-replay and bulk-delete: up to 1,000 DLQ entry ids. */
public record IdsRequest(@NotNull @Size(min = 1, max = 1000) List<@NotBlank @Size(max = 64) String> ids) {
}
