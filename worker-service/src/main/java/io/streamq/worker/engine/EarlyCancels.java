package io.streamq.worker.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cancel requests for this worker that found no running job: the claim that handed the job over may still be on its
 * way back, and the job starts here a moment after its cancel was heard. A job checks here as it starts, after it is
 * listed as running, while a request is noted here before the running jobs are looked at; so whichever comes second
 * sees the other and the handler is stopped at once, not at the next lease renewal. Bounded in count and age: a
 * request whose job never starts here (it ran elsewhere, or ended) is forgotten.
 */
final class EarlyCancels {
    private static final int MOST = 10_000;
    private static final long KEEP_NANOS = 60_000_000_000L;

    private final Map<String, Long> heardAt = new LinkedHashMap<>();

    /** A cancel request for the job this worker holds (or is about to hold) under {@code entryId}. */
    synchronized void heard(String entryId) {
        heardAt.put(entryId, System.nanoTime());
        forgetOld();
    }

    /** @return whether a cancel for {@code entryId} was heard, forgetting it */
    synchronized boolean take(String entryId) {
        forgetOld();
        return heardAt.remove(entryId) != null;
    }

    /** The oldest requests are first in the map: drop them while too old or too many. */
    private void forgetOld() {
        long now = System.nanoTime();
        var oldest = heardAt.entrySet().iterator();
        while (oldest.hasNext()) {
            Map.Entry<String, Long> e = oldest.next();
            if (heardAt.size() <= MOST && now - e.getValue() < KEEP_NANOS) {
                return;
            }
            oldest.remove();
        }
    }
}
