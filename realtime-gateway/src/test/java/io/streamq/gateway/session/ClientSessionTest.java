package io.streamq.gateway.session;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The send loop against a socket that completes writes only when the test says: a client that reads slowly. */
class ClientSessionTest {

    private final List<String> written = new ArrayList<>();
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicReference<String> closedFor = new AtomicReference<>();

    private final ClientSession.Meter meter = new ClientSession.Meter() {
        @Override
        public void sent() {
            sent.incrementAndGet();
        }

        @Override
        public void dropped(int frames) {
            dropped.addAndGet(frames);
        }
    };

    private ClientSession session(int limit, int hardLimit) {
        return new ClientSession("c1", json -> {
            written.add(json);
            CompletableFuture<Void> done = new CompletableFuture<>();
            pending.add(done);
            return Uni.createFrom().completionStage(done);
        }, closedFor::set, meter, limit, hardLimit);
    }

    private void completeOldestWrite() {
        pending.remove(0).complete(null);
    }

    @Test
    void nothingIsSentWhileHeldThenTheLatestSnapshotGoesFirst() {
        ClientSession s = session(10, 10);
        s.offer(OutFrame.droppable("live-1"));
        assertThat(written).isEmpty();
        s.release(List.of(OutFrame.essential("latest")));
        assertThat(written).containsExactly("latest");
        completeOldestWrite();
        assertThat(written).containsExactly("latest", "live-1");
    }

    @Test
    void oneWriteInFlightAndASlowClientLosesTheOldestCoalescibleFrames() {
        ClientSession s = session(3, 6);
        s.release(List.of());
        s.offer(OutFrame.droppable("s0"));          // in flight, not completed: the client reads slowly
        s.offer(OutFrame.droppable("s1"));
        s.offer(OutFrame.essential("alert"));
        s.offer(OutFrame.droppable("s2"));
        s.offer(OutFrame.droppable("s3"));          // full: s1 goes
        s.offer(OutFrame.droppable("s4"));          // full: s2 goes
        assertThat(written).containsExactly("s0");
        assertThat(dropped.get()).isEqualTo(2);

        for (int i = 0; i < 4; i++) {
            completeOldestWrite();
        }
        assertThat(written).containsExactly("s0", "alert", "s3", "s4");
        assertThat(sent.get()).isEqualTo(4);
        assertThat(closedFor.get()).isNull();
    }

    @Test
    void aClientTooSlowForTheEssentialFramesIsClosed() {
        ClientSession s = session(1, 2);
        s.release(List.of());
        s.offer(OutFrame.essential("a0"));          // in flight
        s.offer(OutFrame.essential("a1"));
        s.offer(OutFrame.essential("a2"));
        assertThat(closedFor.get()).isNull();
        s.offer(OutFrame.essential("a3"));
        assertThat(closedFor.get()).isEqualTo("client too slow");
        s.offer(OutFrame.essential("after-close"));
        completeOldestWrite();
        assertThat(written).containsExactly("a0");
    }

    @Test
    void writesThatCompleteAtOnceDoNotRecurseOrStall() {
        List<String> out = new ArrayList<>();
        ClientSession s = new ClientSession("c2", json -> {
            out.add(json);
            return Uni.createFrom().voidItem();
        }, closedFor::set, meter, 5_000, 5_000);
        s.release(List.of());
        for (int i = 0; i < 3_000; i++) {
            s.offer(OutFrame.droppable("f" + i));
        }
        assertThat(out).hasSize(3_000);
        assertThat(s.queued()).isZero();
    }
}
