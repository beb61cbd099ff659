package io.streamq.gateway.session;

import io.smallrye.mutiny.Uni;

/**
 * Writes one text frame to the socket; the Uni completes when the transport took it. A session sends its next frame
 * only then, so a client that reads slowly makes its own outbox fill up instead of the gateway's memory.
 */
@FunctionalInterface
public interface FrameWriter {
    Uni<Void> write(String json);
}
