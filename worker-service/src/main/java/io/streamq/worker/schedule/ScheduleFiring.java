package io.streamq.worker.schedule;

import io.streamq.core.contract.QueueName;
import io.streamq.core.loop.LoopTurn;
import io.streamq.core.schedule.DueBatch;
import io.streamq.core.schedule.DueSchedule;
import io.streamq.core.schedule.FirePlan;
import io.streamq.core.schedule.Fired;
import io.streamq.core.schedule.Schedule;
import io.streamq.core.schedule.ScheduleStore;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * One turn of the firing loop: for every work queue, the due schedules (at most {@code maxPerTurn}), each fired by
 * {@code fire-schedule.lua}. Every replica runs it; the script's compare-and-set lets one replica fire each due time
 * and the others change nothing. The next turn comes at the next due time, at most {@code maxWait} away, so a schedule
 * created meanwhile is picked up.
 */
final class ScheduleFiring {
    private static final Logger LOG = Logger.getLogger(ScheduleFiring.class);

    private final ScheduleStore store;
    private final ScheduleConfig config;
    private final Duration callTimeout;

    ScheduleFiring(ScheduleStore store, ScheduleConfig config, Duration callTimeout) {
        this.store = store;
        this.config = config;
        this.callTimeout = callTimeout;
    }

    LoopTurn turn() {
        long waitMs = config.maxWait().toMillis();
        long fired = 0;
        boolean more = false;
        for (QueueName queue : QueueName.workQueues()) {
            DueBatch batch = store.due(queue, config.maxPerTurn()).await().atMost(callTimeout);
            for (DueSchedule due : batch.due()) {
                fired += fire(queue, due, batch.nowMs()) ? 1 : 0;
            }
            if (batch.due().size() >= config.maxPerTurn()) {
                more = true;
            } else if (batch.nextInMs() >= 0) {
                waitMs = Math.min(waitMs, batch.nextInMs());
            }
        }
        return more ? LoopTurn.again(fired) : LoopTurn.after(fired, Duration.ofMillis(waitMs));
    }

    private boolean fire(QueueName queue, DueSchedule due, long nowMs) {
        Optional<Schedule> schedule = store.find(queue, due.id()).await().atMost(callTimeout);
        if (schedule.isEmpty()) {
            return false;
        }
        FirePlan plan = FirePlan.of(schedule.get(), due.dueMs(), nowMs, config.missedAfter());
        Fired fired = store.fire(schedule.get(), plan).await().atMost(callTimeout);
        if (plan.missed() > 0 && fired.outcome() != Fired.Outcome.STALE) {
            LOG.infof("schedule %s: %d due times from %d missed (%s): %s", due.id(), plan.missed(), due.dueMs(),
                    schedule.get().spec().missedRuns().wireName(), fired.outcome());
        }
        LOG.debugf("schedule %s due %d: %s %s", due.id(), due.dueMs(), fired.outcome(), fired.jobId());
        return fired.outcome() == Fired.Outcome.FIRED;
    }
}
