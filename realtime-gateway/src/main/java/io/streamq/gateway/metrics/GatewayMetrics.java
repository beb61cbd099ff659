package io.streamq.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamq.gateway.session.ClientSession;
import io.streamq.gateway.session.Sessions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Prometheus: {@code streamq_gateway_clients} (connected now), {@code streamq_gateway_frames_sent_total},
 * {@code streamq_gateway_frames_dropped_total} (coalescible frames a slow client lost).
 */
@ApplicationScoped
public class GatewayMetrics implements ClientSession.Meter {

    private final Counter sent;
    private final Counter dropped;

    public GatewayMetrics(MeterRegistry registry, Sessions sessions) {
        // Strong reference: the registry would otherwise hold the sessions only weakly.
        Gauge.builder("streamq.gateway.clients", sessions, Sessions::count).strongReference(true)
                .description("WebSocket clients connected to this instance").register(registry);
        this.sent = Counter.builder("streamq.gateway.frames.sent")
                .description("Frames written to WebSocket clients").register(registry);
        this.dropped = Counter.builder("streamq.gateway.frames.dropped")
                .description("Coalescible frames dropped because a client read too slowly").register(registry);
    }

    @Override
    public void sent() {
        sent.increment();
    }

    @Override
    public void dropped(int frames) {
        dropped.increment(frames);
    }
}
