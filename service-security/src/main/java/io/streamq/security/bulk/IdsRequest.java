package io.streamq.security.bulk;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of every bulk action: 1 to 1,000 ids. {@link BulkActions} checks these bounds (400 naming {@code ids} or
 * {@code ids[i]}) and then the action's {@link IdRule} before anything is applied.
 */
public record IdsRequest(@NotNull @Size(min = 1, max = BulkActions.MAX_IDS)
                         List<@NotBlank @Size(max = 64) String> ids) {
}
