package io.streamq.worker.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.PayloadPatterns;
import io.streamq.core.contract.payload.PluginInstall;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.streamq.core.event.DomainEvent.fields;

/**
 * plugin.install: fetches {@code <registry>/plugins/<id>/versions/<version>/manifest}, checks it (its {@code id} and
 * {@code version} must be the ones asked for, {@code hooks} a list of hook names, {@code stateUrl} if present an
 * http(s) URL) and records the installed version in Redis. A mismatched or malformed manifest is not retryable.
 */
@ApplicationScoped
public class PluginInstallHandler implements JobHandler {

    static final String INTEGRATION = "Plugin registry";

    public record Result(String pluginId, String version, String previousVersion, List<String> hooks, String stateUrl) {
    }

    private final IntegrationHttp http;
    private final IntegrationStore store;
    private final ObjectMapper mapper;
    private final IntegrationsConfig.Plugins config;
    private final HandlerEvents events;

    public PluginInstallHandler(IntegrationHttp http, IntegrationStore store, ObjectMapper mapper,
                                IntegrationsConfig config, HandlerEvents events) {
        this.http = http;
        this.store = store;
        this.mapper = mapper;
        this.config = config.plugins();
        this.events = events;
    }

    @Override
    public JobType type() {
        return JobType.PLUGIN_INSTALL;
    }

    static String registry(IntegrationsConfig.Plugins config) throws io.streamq.worker.handler.JobFailure {
        return config.registryUrl().filter(s -> !s.isBlank())
                .orElseThrow(() -> Failures.notConfigured(INTEGRATION, "streamq.integrations.plugins.registry-url"));
    }

    @Override
    public Object handle(JobContext context) throws Exception {
        PluginInstall job = context.payload(PluginInstall.class);
        String path = "/plugins/" + enc(job.pluginId()) + "/versions/" + enc(job.version()) + "/manifest";
        JsonNode manifest = http.json(context, INTEGRATION, "GET", IntegrationHttp.resolve(registry(config), path),
                Map.of(), null);
        if (!job.pluginId().equals(manifest.path("id").asText(null))
                || !job.version().equals(manifest.path("version").asText(null))) {
            throw Failures.rejected(Failures.MANIFEST_MISMATCH, "Manifest names another plugin or version than "
                    + job.pluginId() + "@" + job.version());
        }
        JsonNode hooksNode = manifest.path("hooks");
        if (!hooksNode.isArray()) {
            throw Failures.rejected(Failures.INVALID_MANIFEST, "Manifest has no hooks list");
        }
        List<String> hooks = new ArrayList<>();
        for (JsonNode hook : hooksNode) {
            if (!hook.isTextual() || !hook.asText().matches(PayloadPatterns.NAME)) {
                throw Failures.rejected(Failures.INVALID_MANIFEST, "Manifest lists an invalid hook name");
            }
            hooks.add(hook.asText());
        }
        String stateUrl = manifest.path("stateUrl").asText(null);
        if (stateUrl != null) {
            try {
                URI uri = URI.create(stateUrl);
                if (!uri.isAbsolute() || !uri.getScheme().matches("https?")) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw Failures.rejected(Failures.INVALID_MANIFEST, "Manifest stateUrl is not an http(s) URL");
            }
        }
        String previous = store.installedPlugin(job.pluginId()).await().atMost(context.timeout()).get("version");
        Map<String, String> record = new LinkedHashMap<>();
        record.put("version", job.version());
        record.put("manifest", mapper.writeValueAsString(manifest));
        record.put("installedAt", Long.toString(System.currentTimeMillis()));
        record.put("jobId", context.job().jobId());
        store.recordInstalledPlugin(job.pluginId(), record).await().atMost(context.timeout());
        context.log("Installed %s %s (%s), %d hooks", job.pluginId(), job.version(),
                previous == null ? "first install" : "was " + previous, hooks.size());
        events.publish(context, DomainEventType.PLUGIN_INSTALLED, fields("pluginId", job.pluginId(),
                "version", job.version(), "previousVersion", previous, "hooks", hooks.size()));
        return new Result(job.pluginId(), job.version(), previous, hooks, stateUrl);
    }

    static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
