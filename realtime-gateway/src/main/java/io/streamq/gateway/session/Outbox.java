package io.streamq.gateway.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The bounded queue of frames waiting for one client. Not thread-safe: {@link ClientSession} guards it.
 *
 * <p>At {@code limit} frames the oldest droppable frame makes room (newer state is worth more than older state):
 * the oldest {@link OutFrame.Priority#PROGRESS progress} frame first, else the oldest coalescible one, but never a
 * frame worth more than the newcomer (a progress report does not push out a failure). When nothing may make room, a
 * new droppable frame is the one dropped, and an essential one is still queued, up to {@code hardLimit}, past which
 * the client is too slow to keep and {@link Offer#overflow()} says so.
 */
final class Outbox {

    /** What an offer did: how many frames it dropped, and whether the client must be disconnected. */
    record Offer(int dropped, boolean overflow) {
        static final Offer QUEUED = new Offer(0, false);
        static final Offer ONE_DROPPED = new Offer(1, false);
        static final Offer OVERFLOW = new Offer(0, true);
    }

    private final int limit;
    private final int hardLimit;
    private final Deque<OutFrame> frames = new ArrayDeque<>();

    Outbox(int limit, int hardLimit) {
        if (limit < 1 || hardLimit < limit) {
            throw new IllegalArgumentException("need 1 <= limit <= hardLimit, got " + limit + ", " + hardLimit);
        }
        this.limit = limit;
        this.hardLimit = hardLimit;
    }

    Offer offer(OutFrame frame) {
        if (frames.size() < limit) {
            frames.addLast(frame);
            return Offer.QUEUED;
        }
        if (makeRoomFor(frame)) {
            frames.addLast(frame);
            return Offer.ONE_DROPPED;
        }
        if (frame.droppable()) {
            return Offer.ONE_DROPPED;
        }
        if (frames.size() >= hardLimit) {
            return Offer.OVERFLOW;
        }
        frames.addLast(frame);
        return Offer.QUEUED;
    }

    /** Puts frames ahead of everything queued (the "latest" snapshot a client gets before live traffic). */
    void prepend(List<OutFrame> first) {
        for (int i = first.size() - 1; i >= 0; i--) {
            frames.addFirst(first.get(i));
        }
    }

    OutFrame poll() {
        return frames.pollFirst();
    }

    int size() {
        return frames.size();
    }

    /** Removes the oldest frame of the lowest droppable priority present, up to the newcomer's own priority. */
    private boolean makeRoomFor(OutFrame newcomer) {
        for (OutFrame.Priority p : OutFrame.Priority.values()) {
            if (p == OutFrame.Priority.ESSENTIAL || p.compareTo(newcomer.priority()) > 0) {
                return false;
            }
            if (removeOldest(p)) {
                return true;
            }
        }
        return false;
    }

    private boolean removeOldest(OutFrame.Priority priority) {
        for (Iterator<OutFrame> it = frames.iterator(); it.hasNext(); ) {
            if (it.next().priority() == priority) {
                it.remove();
                return true;
            }
        }
        return false;
    }
}
