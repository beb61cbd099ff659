package io.streamq.core.keys;

/**
 * Redis keys of the email and plugin integrations of the worker. Keys of one campaign run share the tag of
 * the campaign; plugin keys share {@code {plugins}}. See docs/integrations.md.
 */
public final class IntegrationKeys {

    private IntegrationKeys() {
    }

    /**
     * Hash recipient → {@code sent} or {@code failed:<reason>} of one bulk email job, so a retry of the job sends
     * only to the recipients not yet reached.
     */
    public static String bulkRecipients(String campaignId, String jobId) {
        return "em:{campaign:" + campaignId + "}:job:" + jobId + ":recipients";
    }

    /** Hash of the installed plugin: {@code version}, {@code manifest} (JSON), {@code installedAt}. */
    public static String pluginInstalled(String pluginId) {
        return "pl:{plugins}:installed:" + pluginId;
    }

    /** String: the plugin's state (JSON object) as of its last sync. */
    public static String pluginState(String pluginId) {
        return "pl:{plugins}:state:" + pluginId;
    }
}
