package io.streamq.gateway.session;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connected clients of this gateway instance. Fan-out walks all sessions and checks room membership: for the
 * hundreds of consoles an owner team opens that costs less than keeping a second, room-indexed map consistent.
 * Job rooms are the exception ({@link JobRooms}): there are many of them and job events come at high rates.
 */
@ApplicationScoped
public class Sessions {

    private final Map<String, ClientSession> byId = new ConcurrentHashMap<>();

    public void add(ClientSession session) {
        byId.put(session.id(), session);
    }

    public Optional<ClientSession> remove(String id) {
        return Optional.ofNullable(byId.remove(id));
    }

    public Optional<ClientSession> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int count() {
        return byId.size();
    }

    /** Once to every session in {@code room}. */
    public void toRoom(String room, OutFrame frame) {
        for (ClientSession s : all()) {
            if (s.in(room)) {
                s.offer(frame);
            }
        }
    }

    /** The sessions in {@code room} now: for sending several frames with one walk over the sessions. */
    public List<ClientSession> members(String room) {
        List<ClientSession> in = new ArrayList<>();
        for (ClientSession s : all()) {
            if (s.in(room)) {
                in.add(s);
            }
        }
        return in;
    }

    /** Once to every session in at least one of {@code rooms}, however many of them it is in. */
    public void toRooms(Set<String> rooms, OutFrame frame) {
        for (ClientSession s : all()) {
            if (s.inAny(rooms)) {
                s.offer(frame);
            }
        }
    }

    private Collection<ClientSession> all() {
        return byId.values();
    }
}
