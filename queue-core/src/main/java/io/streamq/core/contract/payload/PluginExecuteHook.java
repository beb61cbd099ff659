package io.streamq.core.contract.payload;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.streamq.core.contract.JobContract;
import io.streamq.core.contract.QueueName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

import static io.streamq.core.contract.payload.PayloadPatterns.ID;
import static io.streamq.core.contract.payload.PayloadPatterns.ID_MESSAGE;
import static io.streamq.core.contract.payload.PayloadPatterns.MAP_KEY_MAX_LENGTH;
import static io.streamq.core.contract.payload.PayloadPatterns.MAP_MAX_ENTRIES;
import static io.streamq.core.contract.payload.PayloadPatterns.NAME;
import static io.streamq.core.contract.payload.PayloadPatterns.NAME_MESSAGE;

/**
 * Call a plugin's hook endpoint with a JSON body. The URL's form is checked here; a host written as an address
 * must pass the outbound policy at enqueue ({@link CallsOut}), and every address a host name resolves to must pass it
 * at call time, when the worker resolves it.
 */
@JobContract(name = "plugin.execute-hook", queue = QueueName.PLUGINS)
public record PluginExecuteHook(
        @NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String pluginId,
        @NotNull @Pattern(regexp = NAME, message = NAME_MESSAGE) String hook,
        @NotNull @Size(max = 2048) @HttpUrl String url,
        @Size(max = MAP_MAX_ENTRIES) Map<@Size(max = MAP_KEY_MAX_LENGTH) String, Object> body)
        implements JobPayload, CallsOut {

    @Override
    @JsonIgnore
    public Map<String, String> destinations() {
        return url == null ? Map.of() : Map.of("url", url);
    }
}
