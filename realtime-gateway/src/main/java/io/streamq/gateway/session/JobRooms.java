package io.streamq.gateway.session;

import io.streamq.gateway.config.GatewayConfig;
import io.streamq.gateway.room.Rooms;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@code job:<id>} rooms, indexed by job id: job events come at thousands per second and almost none has a
 * watcher, so routing one is a map lookup, never a walk over the sessions. A client is in at most
 * {@code streamq.gateway.max-job-rooms} of them; the index loses a session's entries when it leaves or closes.
 */
@ApplicationScoped
public class JobRooms {

    private final Map<String, Set<ClientSession>> watchers = new ConcurrentHashMap<>();
    private final int maxPerClient;

    public JobRooms(GatewayConfig config) {
        this.maxPerClient = config.maxJobRooms();
    }

    public int maxPerClient() {
        return maxPerClient;
    }

    /** False, and nothing joined, when the client is in {@link #maxPerClient()} job rooms already. */
    public boolean join(ClientSession session, String jobId) {
        if (!session.joinJob(Rooms.job(jobId), maxPerClient)) {
            return false;
        }
        // compute, not computeIfAbsent + add: a concurrent leave of the last watcher cannot drop this one's set.
        watchers.compute(jobId, (id, set) -> {
            Set<ClientSession> in = set == null ? ConcurrentHashMap.newKeySet() : set;
            in.add(session);
            return in;
        });
        return true;
    }

    public void leave(ClientSession session, String jobId) {
        session.leave(Rooms.job(jobId));
        watchers.computeIfPresent(jobId, (id, set) -> {
            set.remove(session);
            return set.isEmpty() ? null : set;
        });
    }

    /** On disconnect: the session's entries go, so a client that never unsubscribes leaks nothing. */
    public void leaveAll(ClientSession session) {
        for (String room : session.rooms()) {
            Rooms.jobOf(room).ifPresent(jobId -> leave(session, jobId));
        }
    }

    /** Sends to the room of {@code jobId}; the frame is built only when someone is in it. */
    public void send(String jobId, Supplier<OutFrame> frame) {
        Set<ClientSession> in = watchers.get(jobId);
        if (in == null) {
            return;
        }
        OutFrame built = frame.get();
        in.forEach(s -> s.offer(built));
    }

    /** Jobs with at least one watcher on this instance. */
    public int watchedJobs() {
        return watchers.size();
    }
}
