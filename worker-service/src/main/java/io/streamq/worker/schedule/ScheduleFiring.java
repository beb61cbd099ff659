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

import java.time.DateTimeException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
    /** Why each due schedule that could not be fired in the last turn could not (the loop thread's alone). */
    private Map<String, String> unfireable = Map.of();

    ScheduleFiring(ScheduleStore store, ScheduleConfig config, Duration callTimeout) {
        this.store = store;
        this.config = config;
        this.callTimeout = callTimeout;
    }

    LoopTurn turn() {
        long waitMs = config.maxWait().toMillis();
        long fired = 0;
        boolean more = false;
        Map<String, String> before = unfireable;
        unfireable = new HashMap<>();
        for (QueueName queue : QueueName.workQueues()) {
            DueBatch batch = store.due(queue, config.maxPerTurn()).await().atMost(callTimeout);
            int stuck = 0;
            for (DueSchedule due : batch.due()) {
                Optional<Done> done = fire(queue, due, batch.nowMs(), before);
                stuck += done.isEmpty() ? 1 : 0;
                fired += done.filter(d -> d.outcome() == Fired.Outcome.FIRED).isPresent() ? 1 : 0;
                // A late due time moves the schedule to the next one after it, which may be due already.
                long next = done.map(Done::nextDueMs).orElse(-1L);
                if (next >= 0) {
                    waitMs = Math.min(waitMs, Math.max(0, next - batch.nowMs()));
                }
            }
            // A full batch of schedules that stay due as they were is no reason to read it again at once.
            if (batch.due().size() >= config.maxPerTurn() && stuck < batch.due().size()) {
                more = true;
            } else if (batch.nextInMs() >= 0) {
                waitMs = Math.min(waitMs, batch.nextInMs());
            }
        }
        return more ? LoopTurn.again(fired) : LoopTurn.after(fired, Duration.ofMillis(waitMs));
    }

    /** What firing a due time did, and where it moved the schedule (-1: out of the index, or unknown: stale). */
    private record Done(Fired.Outcome outcome, long nextDueMs) {
    }

    /**
     * @return what the script did; empty when the schedule stays due as it was: it is gone, or this release cannot
     * read or plan it (a job type, time zone or cron another release saved). Such a schedule holds up no other one.
     */
    private Optional<Done> fire(QueueName queue, DueSchedule due, long nowMs, Map<String, String> before) {
        Optional<Schedule> found;
        try {
            found = store.find(queue, due.id()).await().atMost(callTimeout);
        } catch (DateTimeException | IllegalArgumentException e) {
            // A hash this release cannot parse (a zone its time-zone database lacks). Redis failures are neither:
            // they fail the turn, as they would fail every schedule after this one.
            return unfireable(queue, due.id(), e, before);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Schedule schedule = found.get();
        FirePlan plan;
        try {
            plan = FirePlan.of(schedule, due.dueMs(), nowMs, config.missedAfter());
        } catch (RuntimeException e) {
            // cron-utils refusing a cron another release accepted, or failing on it.
            return unfireable(queue, due.id(), e, before);
        }
        Fired fired = store.fire(schedule, plan).await().atMost(callTimeout);
        if (plan.missed() > 0 && fired.outcome() != Fired.Outcome.STALE) {
            LOG.infof("schedule %s: %d due times from %d missed (%s): %s", due.id(), plan.missed(), due.dueMs(),
                    schedule.spec().missedRuns().wireName(), fired.outcome());
        }
        LOG.debugf("schedule %s due %d: %s %s", due.id(), due.dueMs(), fired.outcome(), fired.jobId());
        boolean moved = fired.outcome() != Fired.Outcome.STALE && fired.outcome() != Fired.Outcome.MISSING
                && fired.outcome() != Fired.Outcome.FINISHED;
        return Optional.of(new Done(fired.outcome(), moved ? plan.nextDueMs() : -1));
    }

    /** Warns when a schedule cannot be fired, unless it could not in the last turn for the same reason. */
    private Optional<Done> unfireable(QueueName queue, String id, RuntimeException e,
                                               Map<String, String> before) {
        String why = e.getClass().getSimpleName() + ": " + e.getMessage();
        unfireable.put(id, why);
        if (!why.equals(before.get(id))) {
            LOG.warnf("schedule %s of queue %s cannot be fired by this release and stays due: %s", id,
                    queue.wireName(), why);
        }
        return Optional.empty();
    }
}
