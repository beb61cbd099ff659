package io.streamq.core.schedule;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.QueueName;

import java.time.ZoneId;

/**
 * A schedule's definition, as an owner or the configuration gives it, validated ({@link ScheduleReader}): exactly one
 * of {@code cron} (with its {@code timezone}) and {@code everyMs}.
 *
 * @param payloadJson canonical payload JSON of the job type (PayloadCodec)
 * @param timezone    null when {@code everyMs} is given
 * @param startAt     epoch ms, null: from when it is saved
 * @param endAt       epoch ms inclusive, null: no end
 * @param maxRuns     jobs it enqueues in all (due times and run-now), null: no limit
 */
public record ScheduleSpec(String id, JobType type, String payloadJson, String cron, ZoneId timezone, Long everyMs,
                           Long startAt, Long endAt, Integer maxRuns, MissedRuns missedRuns, boolean enabled) {

    public QueueName queue() {
        return type.queue();
    }

    public ScheduleSpec withEnabled(boolean on) {
        return new ScheduleSpec(id, type, payloadJson, cron, timezone, everyMs, startAt, endAt, maxRuns, missedRuns, on);
    }
}
