package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;

/** Re-synchronise a plugin's state with its upstream. */
@JobContract(name = "plugin.sync", queue = QueueName.PLUGINS)
public record PluginSync(@NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String pluginId) implements JobPayload {
}
