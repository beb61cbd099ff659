package io.streamq.core.job;

import io.streamq.core.contract.QueueName;

/**
 * A dead job sent back to its queue under its own id.
 *
 * @param actor       who asked for the replay (owner id), recorded as the job's actor
 * @param replayCount the job's replay count including this replay
 */
public record Replay(QueueName queue, String jobId, String name, String payloadJson, String tenant, String workspace,
                     String actor, int replayCount) {
}
