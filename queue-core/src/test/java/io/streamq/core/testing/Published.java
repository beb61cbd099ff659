package io.streamq.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamq.testing.RedisSubscriber;
import io.streamq.testing.RedisTestServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What scripts publish on one channel during one step, read by a real subscriber. Redis delivers a channel's
 * messages in the order it runs the publishing commands, so markers published before and after the step enclose it:
 * the messages between them are exactly the step's.
 */
public final class Published implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_MS = 5_000;

    private final RedisTestServer server;
    private final String channel;
    private final RedisSubscriber subscriber;

    private Published(RedisTestServer server, String channel) throws IOException {
        this.server = server;
        this.channel = channel;
        this.subscriber = new RedisSubscriber(server.port(), channel);
    }

    /** Subscribes to {@code channel}, answering once the subscription receives. */
    public static Published on(RedisTestServer server, String channel) {
        try {
            Published published = new Published(server, channel);
            published.untilMarker(true);
            return published;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages (JSON) published during {@code step}. */
    public List<JsonNode> messages(Runnable step) {
        untilMarker(false); // what earlier steps published may still be on its way
        step.run();
        List<JsonNode> out = new ArrayList<>();
        for (String payload : untilMarker(false)) {
            try {
                out.add(JSON.readTree(payload));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The events of the event batches ({@code {"queue":..., "events":[...]}}) published during {@code step}. */
    public List<JsonNode> events(Runnable step) {
        List<JsonNode> events = new ArrayList<>();
        messages(step).forEach(batch -> batch.get("events").forEach(events::add));
        return events;
    }

    /**
     * Publishes a marker until it arrives (a subscription only receives once Redis confirmed it) and answers the
     * payloads received before it.
     */
    private List<String> untilMarker(boolean repeat) {
        String marker = "~marker-" + UUID.randomUUID();
        String prefix = channel + " ";
        server.command("PUBLISH", channel, marker);
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        List<String> before = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            before.clear();
            for (String message : subscriber.messages) {
                String payload = message.substring(prefix.length());
                if (payload.equals(marker)) {
                    subscriber.messages.clear();
                    return before;
                }
                if (!payload.startsWith("~marker-")) {
                    before.add(payload);
                }
            }
            sleep();
            if (repeat) {
                server.command("PUBLISH", channel, marker);
            }
        }
        throw new AssertionError("no marker came back on " + channel);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            subscriber.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
