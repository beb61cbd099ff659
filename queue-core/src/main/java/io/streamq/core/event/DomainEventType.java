package io.streamq.core.event;

import com.fasterxml.jackson.annotation.JsonValue;
import io.streamq.core.contract.Channels;

/**
 * What a domain event says happened, and the channel (so the console room) it goes to. The shapes of their
 * {@code data} are in docs/realtime.md.
 */
public enum DomainEventType {
    WORKFLOW_RUN_STARTED("workflow.run-started", Channels.WORKFLOW_EVENTS),
    WORKFLOW_STEP_FINISHED("workflow.step-finished", Channels.WORKFLOW_EVENTS),
    WORKFLOW_RUN_RESUMED("workflow.run-resumed", Channels.WORKFLOW_EVENTS),
    WORKFLOW_RUN_FINISHED("workflow.run-finished", Channels.WORKFLOW_EVENTS),
    /** Tracked events of one interval, counted per event name and tenant (never one message per event). */
    ANALYTICS_EVENTS_TRACKED("analytics.events-tracked", Channels.ANALYTICS_EVENTS),
    ANALYTICS_REPORT_GENERATED("analytics.report-generated", Channels.ANALYTICS_EVENTS),
    PLUGIN_INSTALLED("plugin.installed", Channels.PLUGIN_EVENTS),
    PLUGIN_SYNCED("plugin.synced", Channels.PLUGIN_EVENTS),
    PLUGIN_HOOK_DELIVERED("plugin.hook-delivered", Channels.PLUGIN_EVENTS);

    private final String wireName;
    private final String channel;

    DomainEventType(String wireName, String channel) {
        this.wireName = wireName;
        this.channel = channel;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public String channel() {
        return channel;
    }
}
