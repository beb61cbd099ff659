package io.streamq.gateway.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.core.contract.QueueName;
import io.streamq.core.job.JobIds;
import io.streamq.gateway.room.Rooms;

import java.util.Map;

/**
 * A parsed client message {@code {"type": ..., "queue"?: ..., "jobId"?: ...}}: {@code ping}, or a subscribe /
 * unsubscribe of one room ({@code room} is null for ping). Unknown types, queues and malformed job ids are refused
 * here, so nothing else sees them.
 */
record ClientRequest(String type, boolean subscribe, String room) {

    static final String PING = "ping";

    /** The rooms named by the message type itself: {@code subscribe_<suffix>} / {@code unsubscribe_<suffix>}. */
    private static final Map<String, String> NAMED_ROOMS = Map.of(
            "workflows", Rooms.WORKFLOWS,
            "analytics", Rooms.ANALYTICS,
            "plugins", Rooms.PLUGINS,
            "dlq", Rooms.DLQ,
            "alerts", Rooms.ALERTS);

    boolean isPing() {
        return PING.equals(type);
    }

    static ClientRequest parse(ObjectMapper json, String text) throws BadMessage {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (Exception e) {
            throw new BadMessage("malformed", "A message is a JSON object with a \"type\".");
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            throw new BadMessage("malformed", "A message is a JSON object with a \"type\".");
        }
        String type = node.get("type").asText();
        if (PING.equals(type)) {
            return new ClientRequest(type, false, null);
        }
        boolean subscribe = type.startsWith("subscribe_");
        if (!subscribe && !type.startsWith("unsubscribe_")) {
            throw new BadMessage("unknown_type", "Unknown message type.");
        }
        String target = type.substring(type.indexOf('_') + 1);
        if ("queue".equals(target)) {
            JsonNode queue = node.path("queue");
            QueueName name = queue.isTextual() ? QueueName.fromWire(queue.asText()).orElse(null) : null;
            if (name == null) {
                throw new BadMessage("unknown_queue", "\"queue\" must name a queue: "
                        + String.join(", ", java.util.Arrays.stream(QueueName.values()).map(QueueName::wireName)
                        .toList()) + ".");
            }
            return new ClientRequest(type, subscribe, Rooms.queue(name));
        }
        if ("job".equals(target)) {
            JsonNode jobId = node.path("jobId");
            if (!jobId.isTextual() || JobIds.queueOf(jobId.asText()).isEmpty()) {
                throw new BadMessage("unknown_job", "\"jobId\" must be a job id: <queue>-<number>, e.g. ai-42.");
            }
            return new ClientRequest(type, subscribe, Rooms.job(jobId.asText()));
        }
        String room = NAMED_ROOMS.get(target);
        if (room == null) {
            throw new BadMessage("unknown_type", "Unknown message type.");
        }
        return new ClientRequest(type, subscribe, room);
    }
}
