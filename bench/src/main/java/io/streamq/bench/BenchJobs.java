package io.streamq.bench;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;

/** The jobs the bench enqueues and the queues they land in. */
final class BenchJobs {

    static final QueueKeys SYSTEM = QueueKeys.of(QueueName.SYSTEM);
    static final QueueKeys AI = QueueKeys.of(QueueName.AI);
    static final String HEALTH_CHECK_JOB =
            "{\"name\":\"" + JobType.SYSTEM_HEALTH_CHECK.wireName() + "\",\"payload\":{\"probe\":\"bench\"}}";

    /** A health-check drill: it fails every attempt (a retryable error), so it ends in the DLQ. */
    static final String FAILING_HEALTH_CHECK_JOB =
            "{\"name\":\"" + JobType.SYSTEM_HEALTH_CHECK.wireName() + "\",\"payload\":{\"probe\":\"bench\",\"fail\":true}}";

    private BenchJobs() {
    }

    /** A health-check job at a priority (1 to 10). */
    static String healthCheckJob(int priority) {
        return HEALTH_CHECK_JOB.substring(0, HEALTH_CHECK_JOB.length() - 1) + ",\"priority\":" + priority + "}";
    }

    /** An ai.generate-text payload of about 100 bytes of JSON; the prompt varies so no two jobs are alike. */
    static String aiPayload(int i) {
        return "{\"prompt\":\"Summarize ticket " + String.format("%08d", i)
                + " in two sentences for the digest.\",\"model\":\"gpt-x\",\"maxTokens\":64}";
    }

    /** An ai.generate-text job with {@link #aiPayload}. */
    static String aiJob(int i) {
        return "{\"name\":\"" + JobType.AI_GENERATE_TEXT.wireName() + "\",\"payload\":" + aiPayload(i) + "}";
    }
}
