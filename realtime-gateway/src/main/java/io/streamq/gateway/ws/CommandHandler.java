package io.streamq.gateway.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.gateway.relay.Frames;
import io.streamq.gateway.relay.LatestEvents;
import io.streamq.gateway.session.ClientSession;
import io.streamq.gateway.session.OutFrame;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** Answers client messages: pong, an ack per (un)subscribe (then the room's latest events), or an error frame. */
@ApplicationScoped
public class CommandHandler {

    private final ObjectMapper json;
    private final Frames frames;
    private final LatestEvents latest;

    public CommandHandler(ObjectMapper json, Frames frames, LatestEvents latest) {
        this.json = json;
        this.frames = frames;
        this.latest = latest;
    }

    public void handle(ClientSession session, String text) {
        ClientRequest request;
        try {
            request = ClientRequest.parse(json, text);
        } catch (BadMessage e) {
            session.offer(frames.error(e.code(), e.getMessage()));
            return;
        }
        if (request.isPing()) {
            session.offer(frames.pong());
            return;
        }
        if (request.subscribe()) {
            session.join(request.room());
        } else {
            session.leave(request.room());
        }
        session.offer(frames.ack(request.type(), request.room(), session.rooms()));
        if (request.subscribe()) {
            latest.framesFor(Set.of(request.room())).subscribe().with(
                    found -> found.forEach(session::offer),
                    failure -> session.offer(frames.error("latest_unavailable",
                            "The latest events could not be read; live events follow.")));
        }
    }

    /** For the endpoint: the frames a client gets before anything live. */
    OutFrame unavailable() {
        return frames.error("latest_unavailable", "The latest events could not be read; live events follow.");
    }
}
