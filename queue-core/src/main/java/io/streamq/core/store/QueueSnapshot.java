package io.streamq.core.store;

import io.streamq.core.contract.QueueName;

import java.util.List;

/**
 * What a queue looked like at one instant (one read script), before any derivation.
 *
 * @param now               Redis clock, ms
 * @param oldestWaitingAt   when the job waiting longest started waiting, null when nothing waits
 * @param minutes           per-minute facts, the current minute first
 * @param processingTimesMs the last processing times, newest first
 * @param waitingByPriority waiting jobs of priority 1 to 10, in that order
 * @param cancelled         cancelled jobs kept (the cancelled index); {@code totalCancelled} over the queue's life
 */
public record QueueSnapshot(QueueName queue, long now, long waiting, long active, long delayed, long completed,
                            long failed, boolean paused, long totalCompleted, long totalFailed, long totalRetried,
                            long totalStalled, long deadStreamLength, Long oldestWaitingAt, List<MinuteFacts> minutes,
                            List<Long> processingTimesMs, List<Long> waitingByPriority, long cancelled,
                            long totalCancelled) {
}
