package io.streamq.core.contract.payload;

import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;
import static io.streamq.core.contract.payload.PayloadPatterns.SEMVER;
import static io.streamq.core.contract.payload.PayloadPatterns.SEMVER_MESSAGE;

/** Install a given version of a plugin. */
@JobContract(name = "plugin.install", queue = QueueName.PLUGINS)
public record PluginInstall(
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String pluginId,
        @NotNull @Pattern(regexp = SEMVER, message = SEMVER_MESSAGE) String version) implements JobPayload {
}
