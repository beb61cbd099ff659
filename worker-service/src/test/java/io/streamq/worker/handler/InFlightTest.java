package io.streamq.worker.handler;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InFlightTest {

    @Test
    void anInterruptDoesNotAbandonWorkInFlightAndIsKeptForTheCaller() {
        Uni<String> send = Uni.createFrom().item("250 OK").onItem().delayIt().by(Duration.ofMillis(300));
        Thread waiter = Thread.currentThread();
        ScheduledExecutorService interrupter = Executors.newSingleThreadScheduledExecutor();
        try {
            interrupter.schedule(waiter::interrupt, 50, TimeUnit.MILLISECONDS);

            HoldRecorder holds = new HoldRecorder();
            assertThat(InFlight.await(send, Duration.ofSeconds(5), holds)).isEqualTo("250 OK");
            assertThat(Thread.interrupted()).as("the interrupt is still pending").isTrue();
            assertThat(holds.declared).as("the wait was declared to the engine").containsExactly(Duration.ofSeconds(5));
            assertThat(holds.released).as("and its end").isTrue();
        } finally {
            interrupter.shutdownNow();
        }
    }

    @Test
    void workOutlastingItsBoundIsATimeout() {
        Uni<String> hung = Uni.createFrom().nothing();

        HoldRecorder holds = new HoldRecorder();

        assertThatThrownBy(() -> InFlight.await(hung, Duration.ofMillis(100), holds))
                .isInstanceOf(TimeoutException.class);
        assertThat(holds.released).isTrue();
    }

    /** Records what InFlight declares to the engine. */
    private static final class HoldRecorder implements Cancellation {
        final List<Duration> declared = new ArrayList<>();
        boolean released;

        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public Duration remaining() {
            return Duration.ofSeconds(5);
        }

        @Override
        public void holdInFlight(Duration atMost) {
            declared.add(atMost);
        }

        @Override
        public void releaseInFlight() {
            released = true;
        }
    }
}
