package io.streamq.gateway.ws;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.gateway.relay.Frames;
import io.streamq.gateway.relay.LatestEvents;
import io.streamq.gateway.room.Rooms;
import io.streamq.gateway.session.ClientSession;
import io.streamq.gateway.session.JobRooms;
import io.streamq.gateway.session.OutFrame;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;

/**
 * Answers client messages: pong, an ack per (un)subscribe (then the room's latest events; a job room has none), or
 * an error frame.
 */
@ApplicationScoped
public class CommandHandler {

    private final ObjectMapper json;
    private final Frames frames;
    private final LatestEvents latest;
    private final JobRooms jobRooms;

    public CommandHandler(ObjectMapper json, Frames frames, LatestEvents latest, JobRooms jobRooms) {
        this.json = json;
        this.frames = frames;
        this.latest = latest;
        this.jobRooms = jobRooms;
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
        if (!move(session, request)) {
            session.offer(frames.error("too_many_job_rooms", "A connection follows at most "
                    + jobRooms.maxPerClient() + " jobs at once; unsubscribe_job one first."));
            return;
        }
        session.offer(frames.ack(request.type(), request.room(), session.rooms()));
        if (request.subscribe()) {
            latest.framesFor(Set.of(request.room())).subscribe().with(
                    found -> found.forEach(session::offer),
                    failure -> session.offer(frames.error("latest_unavailable",
                            "The latest events could not be read; live events follow.")));
        }
    }

    /** Joins or leaves the request's room; false when a job room is refused by the per-connection cap. */
    private boolean move(ClientSession session, ClientRequest request) {
        Optional<String> job = Rooms.jobOf(request.room());
        if (job.isPresent()) {
            if (request.subscribe()) {
                return jobRooms.join(session, job.get());
            }
            jobRooms.leave(session, job.get());
        } else if (request.subscribe()) {
            session.join(request.room());
        } else {
            session.leave(request.room());
        }
        return true;
    }

    /** For the endpoint: the frames a client gets before anything live. */
    OutFrame unavailable() {
        return frames.error("latest_unavailable", "The latest events could not be read; live events follow.");
    }

    /** A binary frame: not a message this gateway reads; answered like any other message it cannot act on. */
    OutFrame binaryRefused() {
        return frames.error("binary_unsupported", "Messages are JSON text frames; binary frames are not read.");
    }

    /** The first message of a streak over the connection's allowance; the ones after it are dropped unanswered. */
    OutFrame rateLimited(int perSecond) {
        return frames.error("rate_limited", "More than " + perSecond + " messages per second: messages are dropped"
                + " until the rate falls; a client that keeps sending is disconnected (1008).");
    }
}
