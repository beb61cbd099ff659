package io.streamq.gateway.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobEvent;
import io.streamq.gateway.room.ChannelRoute;
import io.streamq.gateway.session.OutFrame;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/** Builds the frames the gateway sends; the frame format is documented in docs/realtime.md. */
@ApplicationScoped
public class Frames {

    private final ObjectMapper json;

    public Frames(ObjectMapper json) {
        this.json = json;
    }

    /** A relayed message of a {@link ChannelRoute}; {@code latest} marks the stored snapshot sent on (re)join. */
    public OutFrame event(ChannelRoute route, String payload, boolean latest) {
        ObjectNode frame = json.createObjectNode()
                .put("type", route.frameType())
                .put("channel", route.channel());
        if (latest) {
            frame.put("latest", true);
        }
        frame.set("data", parse(payload));
        return route.essential() ? OutFrame.essential(write(frame)) : OutFrame.droppable(write(frame));
    }

    /**
     * One job event sent individually: to a queue room (failed, stalled, cancelled, paused, resumed, and the
     * coalesced progress) or to a job room (all of that job's events). Progress is the first a slow client loses.
     */
    public OutFrame jobEvent(String room, QueueName queue, JobEvent event) {
        ObjectNode frame = json.createObjectNode()
                .put("type", "job_event")
                .put("room", room)
                .put("queue", queue.wireName());
        frame.set("event", json.valueToTree(event));
        return JobEventStates.PROGRESS.equals(event.state()) ? OutFrame.progress(write(frame))
                : OutFrame.droppable(write(frame));
    }

    /** Counts by state per queue of the events received in {@code [from, to)} (gateway clock, ms). */
    public OutFrame jobSummary(String room, long from, long to, Map<QueueName, Map<String, Long>> counts) {
        ObjectNode frame = json.createObjectNode()
                .put("type", "job_summary")
                .put("room", room)
                .put("from", from)
                .put("to", to);
        ObjectNode queues = frame.putObject("queues");
        counts.forEach((queue, byState) -> {
            ObjectNode q = queues.putObject(queue.wireName());
            byState.forEach(q::put);
        });
        return OutFrame.droppable(write(frame));
    }

    /** The latest job-event batch of a queue, sent when a client joins the queue's room. */
    public OutFrame latestJobBatch(String room, QueueName queue, String payload) {
        ObjectNode frame = json.createObjectNode()
                .put("type", "job_batch")
                .put("room", room)
                .put("queue", queue.wireName())
                .put("latest", true);
        JsonNode batch = parse(payload);
        frame.set("events", batch.path("events"));
        return OutFrame.droppable(write(frame));
    }

    public OutFrame pong() {
        return OutFrame.essential(write(json.createObjectNode().put("type", "pong")
                .put("ts", System.currentTimeMillis())));
    }

    /** The answer to a (un)subscribe: the room and the rooms the connection is in now. */
    public OutFrame ack(String op, String room, Collection<String> rooms) {
        ObjectNode frame = json.createObjectNode()
                .put("type", "ack")
                .put("op", op)
                .put("room", room);
        new TreeSet<>(rooms).forEach(frame.putArray("rooms")::add);
        return OutFrame.essential(write(frame));
    }

    public OutFrame error(String code, String message) {
        return OutFrame.essential(write(json.createObjectNode()
                .put("type", "error")
                .put("code", code)
                .put("message", message)));
    }

    /** A message that is not JSON is relayed as a string rather than breaking the frame. */
    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(payload);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a frame", e);
        }
    }
}
