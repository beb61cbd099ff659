package io.streamq.gateway.session;

import io.streamq.gateway.room.Rooms;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One connected client: its rooms, its outbox and the send loop. Frames come from the Redis relay's thread, the
 * coalescing timer and the client's own messages, so the outbox and the loop state are guarded by this object.
 *
 * <p>A session starts <em>held</em>: live frames queue up until {@link #release(List)} puts the "latest" snapshot
 * in front of them, so a client always sees the current state before the changes that follow it.
 */
public final class ClientSession {

    /** Counts frames sent and dropped; the gateway's Micrometer counters in production. */
    public interface Meter {
        void sent();

        void dropped(int frames);
    }

    private final String id;
    private final FrameWriter writer;
    private final Consumer<String> slowClientCloser;
    private final Meter meter;
    private final Outbox outbox;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();

    private boolean held = true;
    private boolean inFlight;
    private boolean draining;
    private boolean closed;
    private volatile long expiryTimer = -1;

    /**
     * @param slowClientCloser called (once) with a reason when the client fell so far behind that even
     *                         essential frames no longer fit
     */
    public ClientSession(String id, FrameWriter writer, Consumer<String> slowClientCloser, Meter meter,
                         int outboxLimit, int outboxHardLimit) {
        this.id = id;
        this.writer = writer;
        this.slowClientCloser = slowClientCloser;
        this.meter = meter;
        this.outbox = new Outbox(outboxLimit, outboxHardLimit);
        rooms.add(Rooms.GLOBAL);
    }

    public String id() {
        return id;
    }

    public Set<String> rooms() {
        return Set.copyOf(rooms);
    }

    public boolean in(String room) {
        return rooms.contains(room);
    }

    /** Whether any of {@code candidates} is one of this session's rooms. */
    public boolean inAny(Set<String> candidates) {
        for (String room : candidates) {
            if (rooms.contains(room)) {
                return true;
            }
        }
        return false;
    }

    public void join(String room) {
        rooms.add(room);
    }

    /**
     * Joins a job room unless the client is in {@code max} job rooms already (each costs the gateway memory the
     * client chose to spend). True when the client is in the room afterwards.
     */
    boolean joinJob(String room, int max) {
        synchronized (rooms) {
            if (rooms.contains(room)) {
                return true;
            }
            if (rooms.stream().filter(Rooms::isJob).count() >= max) {
                return false;
            }
            rooms.add(room);
            return true;
        }
    }

    /** {@link Rooms#GLOBAL} cannot be left: it carries alerts and owner actions every console must see. */
    public void leave(String room) {
        if (!Rooms.GLOBAL.equals(room)) {
            rooms.remove(room);
        }
    }

    public void offer(OutFrame frame) {
        Outbox.Offer result;
        synchronized (this) {
            if (closed) {
                return;
            }
            result = outbox.offer(frame);
        }
        if (result.dropped() > 0) {
            meter.dropped(result.dropped());
        }
        if (result.overflow()) {
            close();
            slowClientCloser.accept("client too slow");
            return;
        }
        drain();
    }

    /** Ends the hold: {@code first} goes ahead of the live frames queued meanwhile, then sending starts. */
    public void release(List<OutFrame> first) {
        synchronized (this) {
            outbox.prepend(first);
            held = false;
        }
        drain();
    }

    /** Stops sending; frames offered afterwards are ignored. */
    public void close() {
        synchronized (this) {
            closed = true;
        }
    }

    public long expiryTimer() {
        return expiryTimer;
    }

    public void expiryTimer(long timerId) {
        this.expiryTimer = timerId;
    }

    synchronized int queued() {
        return outbox.size();
    }

    /**
     * Sends queued frames one at a time. The {@code draining} flag makes a write that completes synchronously (inside
     * {@code writer.write}) continue this loop instead of recursing; checking {@code inFlight} and clearing
     * {@code draining} in one locked step means a completion on another thread either sees the loop still running
     * (which then picks up the next frame) or starts a new one, never neither.
     */
    private void drain() {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            OutFrame next;
            synchronized (this) {
                if (held || inFlight || closed || (next = outbox.poll()) == null) {
                    draining = false;
                    return;
                }
                inFlight = true;
            }
            writer.write(next.json()).subscribe().with(ok -> {
                meter.sent();
                written();
            }, failure -> {
                // The socket is gone; onClose will remove the session. Nothing more to send.
                close();
                written();
            });
        }
    }

    private void written() {
        synchronized (this) {
            inFlight = false;
        }
        drain();
    }
}
