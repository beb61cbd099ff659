package io.streamq.dlq.analytics;

import io.streamq.core.store.dlq.Count;
import io.streamq.core.store.dlq.ErrorReason;
import io.streamq.core.store.dlq.HourCount;
import io.streamq.core.store.dlq.ReplayStatus;
import io.streamq.core.store.dlq.ReplayedJob;

import java.util.List;

/** GET /owner/dlq/analytics (docs/dlq.md#api). Every figure comes from counters kept by the DLQ scripts. */
public record DlqAnalyticsView(long total, List<Count> byQueue, List<Count> byJobName, List<ErrorReason> byErrorReason,
                               List<Count> byErrorCode, List<HourCount> byHour, ReplayStatus byReplayStatus,
                               long neverReplayed, long replayed, long highReplayCount, List<Count> topJobs,
                               List<ReplayedJob> topReplayedJobs, long averageAgeMs, long retentionDropped,
                               long duplicateForwards, long generatedAt) {
}
