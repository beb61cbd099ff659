package io.streamq.gateway.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest {

    private static List<String> drain(Outbox box) {
        List<String> out = new ArrayList<>();
        OutFrame f;
        while ((f = box.poll()) != null) {
            out.add(f.json());
        }
        return out;
    }

    @Test
    void whenFullTheOldestDroppableFrameMakesRoom() {
        Outbox box = new Outbox(3, 10);
        box.offer(OutFrame.droppable("s1"));
        box.offer(OutFrame.essential("alert"));
        box.offer(OutFrame.droppable("s2"));
        assertThat(box.offer(OutFrame.droppable("s3")).dropped()).isEqualTo(1);
        assertThat(drain(box)).containsExactly("alert", "s2", "s3");
    }

    @Test
    void essentialFramesAreNeverDroppedAndOverflowOnlyAtTheHardLimit() {
        Outbox box = new Outbox(2, 3);
        box.offer(OutFrame.essential("a1"));
        box.offer(OutFrame.essential("a2"));
        // Full of essential frames: a droppable newcomer is the one lost, an essential one still fits.
        assertThat(box.offer(OutFrame.droppable("s1")).dropped()).isEqualTo(1);
        assertThat(box.offer(OutFrame.essential("a3"))).isEqualTo(Outbox.Offer.QUEUED);
        assertThat(box.offer(OutFrame.essential("a4")).overflow()).isTrue();
        assertThat(drain(box)).containsExactly("a1", "a2", "a3");
    }

    @Test
    void progressGoesFirstAndNeverPushesOutAFrameWorthMore() {
        Outbox box = new Outbox(3, 10);
        box.offer(OutFrame.droppable("failed-1"));
        box.offer(OutFrame.progress("p1"));
        box.offer(OutFrame.droppable("summary"));
        // Full: a coalescible newcomer takes the place of the progress report, though failed-1 is older.
        assertThat(box.offer(OutFrame.droppable("cancelled-1")).dropped()).isEqualTo(1);
        // No progress left: a progress newcomer is the one lost rather than a failure or a summary.
        assertThat(box.offer(OutFrame.progress("p2")).dropped()).isEqualTo(1);
        assertThat(drain(box)).containsExactly("failed-1", "summary", "cancelled-1");
    }

    @Test
    void progressMakesRoomForProgressOldestFirst() {
        Outbox box = new Outbox(2, 10);
        box.offer(OutFrame.progress("p1"));
        box.offer(OutFrame.progress("p2"));
        assertThat(box.offer(OutFrame.progress("p3")).dropped()).isEqualTo(1);
        assertThat(drain(box)).containsExactly("p2", "p3");
    }

    @Test
    void prependedFramesGoAheadOfQueuedOnesInTheirOrder() {
        Outbox box = new Outbox(5, 5);
        box.offer(OutFrame.droppable("live"));
        box.prepend(List.of(OutFrame.essential("latest-alert"), OutFrame.essential("latest-action")));
        assertThat(drain(box)).containsExactly("latest-alert", "latest-action", "live");
    }
}
