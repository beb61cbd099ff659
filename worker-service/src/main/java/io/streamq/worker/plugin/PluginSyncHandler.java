package io.streamq.worker.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.PluginSync;
import io.streamq.core.event.DomainEventType;
import io.streamq.core.store.IntegrationStore;
import io.streamq.worker.handler.HandlerEvents;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import io.streamq.worker.integration.Failures;
import io.streamq.worker.integration.IntegrationHttp;
import io.streamq.worker.integration.IntegrationsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.streamq.core.event.DomainEvent.fields;

/**
 * plugin.sync: GETs the installed plugin's state (its manifest's {@code stateUrl}, else
 * {@code <registry>/plugins/<id>/state}), a JSON object, and stores it; the result is the diff against the state
 * stored by the previous sync: keys added, removed and changed (top level, with old and new values).
 */
@ApplicationScoped
public class PluginSyncHandler implements JobHandler {

    public record Change(JsonNode from, JsonNode to) {
    }

    public record Result(String pluginId, String version, boolean firstSync, Map<String, JsonNode> added,
                         List<String> removed, Map<String, Change> changed, int unchanged) {
    }

    private final IntegrationHttp http;
    private final IntegrationStore store;
    private final ObjectMapper mapper;
    private final IntegrationsConfig.Plugins config;
    private final HandlerEvents events;

    public PluginSyncHandler(IntegrationHttp http, IntegrationStore store, ObjectMapper mapper,
                             IntegrationsConfig config, HandlerEvents events) {
        this.http = http;
        this.store = store;
        this.mapper = mapper;
        this.config = config.plugins();
        this.events = events;
    }

    @Override
    public JobType type() {
        return JobType.PLUGIN_SYNC;
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        PluginSync job = context.payload(PluginSync.class);
        Map<String, String> installed = store.installedPlugin(job.pluginId()).await().atMost(context.timeout());
        if (installed.isEmpty()) {
            throw Failures.rejected(Failures.PLUGIN_NOT_INSTALLED, "Plugin " + job.pluginId() + " is not installed");
        }
        String stateUrl = mapper.readTree(installed.getOrDefault("manifest", "{}")).path("stateUrl").asText(null);
        URI uri = stateUrl != null ? URI.create(stateUrl)
                : IntegrationHttp.resolve(PluginInstallHandler.registry(config),
                "/plugins/" + PluginInstallHandler.enc(job.pluginId()) + "/state");
        JsonNode state = http.json(context, "Plugin state endpoint", "GET", uri, Map.of(), null);
        if (!state.isObject()) {
            throw Failures.rejected(Failures.INVALID_STATE, "Plugin state is not a JSON object");
        }
        String stateJson = mapper.writeValueAsString(state);
        if (stateJson.getBytes(StandardCharsets.UTF_8).length > config.maxStateBytes()) {
            throw Failures.rejected(Failures.INVALID_STATE, "Plugin state exceeds " + config.maxStateBytes() + " bytes");
        }
        var previousJson = store.pluginState(job.pluginId()).await().atMost(context.timeout());
        JsonNode previous = previousJson.isPresent() ? mapper.readTree(previousJson.get()) : mapper.createObjectNode();
        Map<String, JsonNode> added = new LinkedHashMap<>();
        Map<String, Change> changed = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        int unchanged = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = state.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode before = previous.get(e.getKey());
            if (before == null) {
                added.put(e.getKey(), e.getValue());
            } else if (!before.equals(e.getValue())) {
                changed.put(e.getKey(), new Change(before, e.getValue()));
            } else {
                unchanged++;
            }
        }
        previous.fieldNames().forEachRemaining(k -> {
            if (!state.has(k)) {
                removed.add(k);
            }
        });
        store.recordPluginState(job.pluginId(), stateJson).await().atMost(context.timeout());
        context.log("Stored the state of %s: %d keys added, %d removed, %d changed, %d unchanged", job.pluginId(),
                added.size(), removed.size(), changed.size(), unchanged);
        // Counts of keys only: the state's keys and values are the plugin's data.
        events.publish(context, DomainEventType.PLUGIN_SYNCED, fields("pluginId", job.pluginId(),
                "version", installed.get("version"), "firstSync", previousJson.isEmpty(), "added", added.size(),
                "removed", removed.size(), "changed", changed.size(), "unchanged", unchanged));
        return new Result(job.pluginId(), installed.get("version"), previousJson.isEmpty(), added, removed, changed,
                unchanged);
    }
}
