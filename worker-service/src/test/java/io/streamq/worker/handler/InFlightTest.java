package io.streamq.worker.handler;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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

            assertThat(InFlight.await(send, Duration.ofSeconds(5))).isEqualTo("250 OK");
            assertThat(Thread.interrupted()).as("the interrupt is still pending").isTrue();
        } finally {
            interrupter.shutdownNow();
        }
    }

    @Test
    void workOutlastingItsBoundIsATimeout() {
        Uni<String> hung = Uni.createFrom().nothing();

        assertThatThrownBy(() -> InFlight.await(hung, Duration.ofMillis(100))).isInstanceOf(TimeoutException.class);
    }
}
