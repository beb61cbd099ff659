package io.streamq.monitor.admin;

import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobState;
import io.streamq.core.store.JobCursor;
import io.streamq.core.store.JobIdPage;
import io.streamq.core.store.QueueReader;

import java.util.List;

/**
 * Walks the ids of a queue's unfinished jobs page by page (one short script call each), handing every page to a
 * step, within two bounds: {@code limit} ids in all, and per state no more ids than the state held when its pass
 * began, so a producer enqueueing as fast as the walk goes cannot keep it running. Not a snapshot.
 */
final class LiveJobWalk {

    /**
     * Delayed first, then waiting, then active: a job that moves on during the walk (falls due, is claimed) is met
     * again in a later pass rather than missed.
     */
    static final List<JobState> STATES = List.of(JobState.DELAYED, JobState.WAITING, JobState.ACTIVE);

    /** Ids per page: the size of the owner listing's script calls. */
    static final int PAGE = 100;

    /** What a step did to a page: how many of its ids still hold their place in the state (were left as they were). */
    @FunctionalInterface
    interface Step {
        Uni<Integer> apply(JobState state, List<String> ids);
    }

    /** @param limited the limit was reached before every state was walked to its end, so jobs may be left */
    record Walked(int looked, boolean limited) {
    }

    private final QueueReader reader;
    private final QueueName queue;
    private final int limit;
    private final Step step;

    LiveJobWalk(QueueReader reader, QueueName queue, int limit, Step step) {
        this.reader = reader;
        this.queue = queue;
        this.limit = limit;
        this.step = step;
    }

    Uni<Walked> run() {
        return pass(0, JobCursor.offset(0), -1, 0, 0);
    }

    /**
     * @param bound         ids this state's pass may look at (its size at the pass's first page); -1 before that page
     * @param lookedInState ids of this state looked at so far
     */
    private Uni<Walked> pass(int stateIndex, JobCursor from, long bound, long lookedInState, int looked) {
        if (stateIndex == STATES.size()) {
            return Uni.createFrom().item(new Walked(looked, false));
        }
        if (looked >= limit) {
            return Uni.createFrom().item(new Walked(looked, true));
        }
        long stateRoom = bound < 0 ? PAGE : bound - lookedInState;
        if (stateRoom <= 0) {
            return pass(stateIndex + 1, JobCursor.offset(0), -1, 0, looked);
        }
        JobState state = STATES.get(stateIndex);
        int size = (int) Math.min(PAGE, Math.min(limit - looked, stateRoom));
        return reader.page(queue, state, from, size).chain(page -> {
            if (page.ids().isEmpty()) {
                return pass(stateIndex + 1, JobCursor.offset(0), -1, 0, looked);
            }
            long stateBound = bound < 0 ? page.total() : bound;
            int seen = page.ids().size();
            return step.apply(state, page.ids()).chain(kept -> page.next() == null
                    ? pass(stateIndex + 1, JobCursor.offset(0), -1, 0, looked + seen)
                    : pass(stateIndex, next(state, from, page, kept), stateBound, lookedInState + seen,
                    looked + seen));
        });
    }

    /**
     * Waiting and active continue after the last entry (or score) looked at, which stays a valid position when the
     * step took jobs out. Delayed is read by rank: jobs the step took out free their ranks, so it continues after
     * those the step left in place.
     */
    private static JobCursor next(JobState state, JobCursor from, JobIdPage page, int kept) {
        if (JobCursor.streamBacked(state)) {
            return JobCursor.parse(state, page.next()).orElseThrow(
                    () -> new IllegalStateException("search-jobs answered a cursor of another state: " + page.next()));
        }
        return JobCursor.offset(from.skip() + kept);
    }
}
