package io.streamq.core.contract;

import io.streamq.core.contract.payload.*;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A job type: its wire name, the queue that runs it and its payload record. A type is declared by its record alone
 * ({@link JobContract}): {@link #fromWire} finds the record by the name, so adding a type touches no list here. The
 * constants name the built-in types for code that refers to one; {@link #values()} lists the types declared in the
 * indexed jars of the class path, which are queue-core's (its build writes {@code META-INF/jandex.idx}).
 */
public final class JobType {

    /** {@code <area>.<action>}, lower case words joined by dashes: nothing else can name a record. */
    private static final Pattern WIRE_NAME = Pattern.compile("[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*");
    private static final String RECORD_PACKAGE = JobPayload.class.getPackageName();
    private static final Map<Class<?>, JobType> BY_RECORD = new ConcurrentHashMap<>();
    private static final Map<String, JobType> BY_WIRE_NAME = new ConcurrentHashMap<>();

    public static final JobType AI_GENERATE_TEXT = of(AiGenerateText.class);
    public static final JobType AI_SUMMARIZE_DOCUMENT = of(AiSummarizeDocument.class);
    public static final JobType AI_EMBED_CONTENT = of(AiEmbedContent.class);
    public static final JobType AI_MODERATE_CONTENT = of(AiModerateContent.class);
    public static final JobType WORKFLOW_START_RUN = of(WorkflowStartRun.class);
    public static final JobType WORKFLOW_EXECUTE_STEP = of(WorkflowExecuteStep.class);
    public static final JobType WORKFLOW_RESUME_RUN = of(WorkflowResumeRun.class);
    public static final JobType ANALYTICS_TRACK_EVENT = of(AnalyticsTrackEvent.class);
    public static final JobType ANALYTICS_AGGREGATE_DAILY = of(AnalyticsAggregateDaily.class);
    public static final JobType ANALYTICS_GENERATE_REPORT = of(AnalyticsGenerateReport.class);
    public static final JobType EMAIL_SEND_TRANSACTIONAL = of(EmailSendTransactional.class);
    public static final JobType EMAIL_SEND_BULK = of(EmailSendBulk.class);
    public static final JobType EMAIL_SEND_DIGEST = of(EmailSendDigest.class);
    public static final JobType PLUGIN_INSTALL = of(PluginInstall.class);
    public static final JobType PLUGIN_EXECUTE_HOOK = of(PluginExecuteHook.class);
    public static final JobType PLUGIN_SYNC = of(PluginSync.class);
    public static final JobType SYSTEM_CLEANUP = of(SystemCleanup.class);
    public static final JobType SYSTEM_REFRESH_STATS = of(SystemRefreshStats.class);
    public static final JobType SYSTEM_HEALTH_CHECK = of(SystemHealthCheck.class);
    public static final JobType DLQ_RECORD_FAILURE = of(DlqRecordFailure.class);
    public static final JobType DLQ_REPLAY = of(DlqReplay.class);

    private final String wireName;
    private final QueueName queue;
    private final Class<? extends JobPayload> payloadClass;

    private JobType(String wireName, QueueName queue, Class<? extends JobPayload> payloadClass) {
        this.wireName = wireName;
        this.queue = queue;
        this.payloadClass = payloadClass;
    }

    /** The type a payload record declares; one instance per type, so types compare with {@code ==}. */
    public static JobType of(Class<? extends JobPayload> record) {
        return BY_RECORD.computeIfAbsent(record, r -> {
            JobContract contract = r.getAnnotation(JobContract.class);
            if (contract == null || !r.getName().equals(recordName(contract.name()))) {
                throw new IllegalArgumentException(r.getName() + " is not a job contract: it needs @JobContract with "
                        + "a wire name that names it");
            }
            JobType type = new JobType(contract.name(), contract.queue(), record);
            BY_WIRE_NAME.putIfAbsent(type.wireName, type);
            return type;
        });
    }

    public static Optional<JobType> fromWire(String name) {
        if (name == null || !WIRE_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        JobType known = BY_WIRE_NAME.get(name);
        // A record found is remembered (by of); an unknown name is not: clients choose them.
        return Optional.ofNullable(known != null ? known : find(name));
    }

    /** The types queue-core declares (the indexed records; a test's own are not), in wire-name order. */
    public static JobType[] values() {
        return Declared.TYPES.toArray(JobType[]::new);
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

    @Override
    public String toString() {
        return wireName;
    }

    private static JobType find(String name) {
        Class<?> record = load(recordName(name), JobType.class.getClassLoader());
        if (record == null) {
            // A record of the application itself (rather than of a library beside queue-core) may sit in a child
            // loader, as a test's does.
            record = load(recordName(name), Thread.currentThread().getContextClassLoader());
        }
        if (record == null) {
            return null;
        }
        JobContract contract = record.getAnnotation(JobContract.class);
        if (contract == null || !contract.name().equals(name) || !JobPayload.class.isAssignableFrom(record)) {
            return null;
        }
        return of(record.asSubclass(JobPayload.class));
    }

    private static Class<?> load(String className, ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** {@code ai.generate-text} → {@code io.streamq.core.contract.payload.AiGenerateText}. */
    private static String recordName(String wireName) {
        StringBuilder name = new StringBuilder(RECORD_PACKAGE).append('.');
        for (String word : wireName.split("[.-]")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        }
        return name.toString();
    }

    /** Read once, on first use: only tests and tools list every type. */
    private static final class Declared {
        static final List<JobType> TYPES = read();

        private static List<JobType> read() {
            DotName contract = DotName.createSimple(JobContract.class);
            try {
                Set<JobType> types = new HashSet<>();
                for (URL index : Collections.list(JobType.class.getClassLoader().getResources("META-INF/jandex.idx"))) {
                    try (InputStream in = index.openStream()) {
                        new IndexReader(in).read().getAnnotations(contract).forEach(a -> types.add(
                                fromWire(a.value("name").asString()).orElseThrow()));
                    }
                }
                return types.stream().sorted(Comparator.comparing(JobType::wireName)).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
