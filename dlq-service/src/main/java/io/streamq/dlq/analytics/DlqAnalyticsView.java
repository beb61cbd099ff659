package io.streamq.dlq.analytics;

import io.streamq.core.store.dlq.Count;
import io.streamq.core.store.dlq.ErrorReason;
import io.streamq.core.store.dlq.HourCount;
import io.streamq.core.store.dlq.ReplayStatus;
import io.streamq.core.store.dlq.ReplayedJob;

import java.util.List;

/**
 * GET /owner/dlq/analytics (docs/dlq.md#api). Of the whole DLQ every figure comes from counters kept by the DLQ
 * scripts. Of one queue ({@code queueName}), see {@link DlqAnalytics#analytics(String, long)}; the retention and
 * duplicate counters exist for the whole DLQ only and read 0 there.
 *
 * @param scanned entries the breakdowns (job names, error codes, reasons, most replayed, average age) cover
 * @param sampled the breakdowns cover the newest {@code scanned} entries only, not all {@code total}
 */
public record DlqAnalyticsView(long total, List<Count> byQueue, List<Count> byJobName, List<ErrorReason> byErrorReason,
                               List<Count> byErrorCode, List<HourCount> byHour, ReplayStatus byReplayStatus,
                               long neverReplayed, long replayed, long highReplayCount, List<Count> topJobs,
                               List<ReplayedJob> topReplayedJobs, long averageAgeMs, long retentionDropped,
                               long duplicateForwards, long generatedAt,
                               String queueName, long scanned, boolean sampled) {
}
