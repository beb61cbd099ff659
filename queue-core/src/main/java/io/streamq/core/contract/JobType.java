package io.streamq.core.contract;

import io.streamq.core.contract.payload.*;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The 21 job types: wire name, the queue that runs them and their payload record. */
public enum JobType {
    AI_GENERATE_TEXT("ai.generate-text", QueueName.AI, AiGenerateText.class),
    AI_SUMMARIZE_DOCUMENT("ai.summarize-document", QueueName.AI, AiSummarizeDocument.class),
    AI_EMBED_CONTENT("ai.embed-content", QueueName.AI, AiEmbedContent.class),
    AI_MODERATE_CONTENT("ai.moderate-content", QueueName.AI, AiModerateContent.class),
    WORKFLOW_START_RUN("workflow.start-run", QueueName.WORKFLOWS, WorkflowStartRun.class),
    WORKFLOW_EXECUTE_STEP("workflow.execute-step", QueueName.WORKFLOWS, WorkflowExecuteStep.class),
    WORKFLOW_RESUME_RUN("workflow.resume-run", QueueName.WORKFLOWS, WorkflowResumeRun.class),
    ANALYTICS_TRACK_EVENT("analytics.track-event", QueueName.ANALYTICS, AnalyticsTrackEvent.class),
    ANALYTICS_AGGREGATE_DAILY("analytics.aggregate-daily", QueueName.ANALYTICS, AnalyticsAggregateDaily.class),
    ANALYTICS_GENERATE_REPORT("analytics.generate-report", QueueName.ANALYTICS, AnalyticsGenerateReport.class),
    EMAIL_SEND_TRANSACTIONAL("email.send-transactional", QueueName.EMAIL, EmailSendTransactional.class),
    EMAIL_SEND_BULK("email.send-bulk", QueueName.EMAIL, EmailSendBulk.class),
    EMAIL_SEND_DIGEST("email.send-digest", QueueName.EMAIL, EmailSendDigest.class),
    PLUGIN_INSTALL("plugin.install", QueueName.PLUGINS, PluginInstall.class),
    PLUGIN_EXECUTE_HOOK("plugin.execute-hook", QueueName.PLUGINS, PluginExecuteHook.class),
    PLUGIN_SYNC("plugin.sync", QueueName.PLUGINS, PluginSync.class),
    SYSTEM_CLEANUP("system.cleanup", QueueName.SYSTEM, SystemCleanup.class),
    SYSTEM_REFRESH_STATS("system.refresh-stats", QueueName.SYSTEM, SystemRefreshStats.class),
    SYSTEM_HEALTH_CHECK("system.health-check", QueueName.SYSTEM, SystemHealthCheck.class),
    DLQ_RECORD_FAILURE("dlq.record-failure", QueueName.DLQ, DlqRecordFailure.class),
    DLQ_REPLAY("dlq.replay", QueueName.DLQ, DlqReplay.class);

    private static final Map<String, JobType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(JobType::wireName, Function.identity()));

    private final String wireName;
    private final QueueName queue;
    private final Class<? extends JobPayload> payloadClass;

    JobType(String wireName, QueueName queue, Class<? extends JobPayload> payloadClass) {
        this.wireName = wireName;
        this.queue = queue;
        this.payloadClass = payloadClass;
    }

    public String wireName() {
        return wireName;
    }

    public QueueName queue() {
        return queue;
    }

    public Class<? extends JobPayload> payloadClass() {
        return payloadClass;
    }

    /** Internal types are produced by the platform itself (DLQ hand-off and replay), never by client apps. */
    public boolean internal() {
        return queue == QueueName.DLQ;
    }

    public static Optional<JobType> fromWire(String name) {
        return Optional.ofNullable(name == null ? null : BY_WIRE_NAME.get(name));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
