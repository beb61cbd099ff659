package io.streamq.core.batch;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescingLaneTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A call whose answer the test gives when it wants: every call made, in order, with its items. */
    private static final class Calls {
        final List<List<Integer>> batches = new ArrayList<>();
        final List<CompletableFuture<List<String>>> answers = new ArrayList<>();

        Uni<List<String>> call(List<Integer> items) {
            batches.add(items);
            CompletableFuture<List<String>> answer = new CompletableFuture<>();
            answers.add(answer);
            return Uni.createFrom().completionStage(answer);
        }

        void answer(int call) {
            answers.get(call).complete(batches.get(call).stream().map(i -> "r" + i).toList());
        }
    }

    private static CompletableFuture<String> submit(CoalescingLane<Integer, String> lane, int item) {
        return lane.submit(item).subscribeAsCompletionStage();
    }

    @Test
    void whatArrivesDuringACallGoesTogetherInTheNextAndEachGetsItsOwnAnswer() throws Exception {
        Calls calls = new Calls();
        AtomicInteger idle = new AtomicInteger();
        CoalescingLane<Integer, String> lane = new CoalescingLane<>(calls::call, 3, TIMEOUT, idle::incrementAndGet);

        CompletableFuture<String> first = submit(lane, 1);
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        for (int i = 2; i <= 5; i++) {
            waiting.add(submit(lane, i));
        }
        assertThat(calls.batches).containsExactly(List.of(1));

        calls.answer(0);
        assertThat(first.get()).isEqualTo("r1");
        assertThat(calls.batches).containsExactly(List.of(1), List.of(2, 3, 4));
        assertThat(idle).hasValue(0);

        calls.answer(1);
        assertThat(calls.batches).containsExactly(List.of(1), List.of(2, 3, 4), List.of(5));
        calls.answer(2);
        assertThat(waiting.stream().map(CompletableFuture::join)).containsExactly("r2", "r3", "r4", "r5");
        assertThat(idle).hasValue(1);
    }

    @Test
    void aFailedCallFailsOnlyItsItemsAndTheLaneGoesOn() {
        Calls calls = new Calls();
        CoalescingLane<Integer, String> lane = new CoalescingLane<>(calls::call, 10, TIMEOUT, null);

        CompletableFuture<String> lost = submit(lane, 1);
        CompletableFuture<String> next = submit(lane, 2);
        calls.answers.getFirst().completeExceptionally(new IllegalStateException("redis down"));

        assertThat(lost).isCompletedExceptionally();
        assertThat(next).isNotDone();
        calls.answer(1);
        assertThat(next.join()).isEqualTo("r2");
    }

    @Test
    void aCallThatThrowsInsteadOfFailingItsUniStillFreesTheLane() {
        AtomicInteger made = new AtomicInteger();
        CoalescingLane<Integer, String> lane = new CoalescingLane<>(items -> {
            if (made.incrementAndGet() == 1) {
                throw new IllegalArgumentException("bad call");
            }
            return Uni.createFrom().item(items.stream().map(i -> "ok" + i).toList());
        }, 10, TIMEOUT, null);

        assertThat(submit(lane, 1)).isCompletedExceptionally();
        assertThat(submit(lane, 2).join()).isEqualTo("ok2");
    }

    @Test
    void aCallThatNeverAnswersFailsItsItemsAtTheTimeoutAndTheLaneGoesOn() {
        AtomicInteger made = new AtomicInteger();
        CoalescingLane<Integer, String> lane = new CoalescingLane<>(items -> made.incrementAndGet() == 1
                ? Uni.createFrom().nothing()
                : Uni.createFrom().item(items.stream().map(i -> "ok" + i).toList()), 10, Duration.ofMillis(200), null);
        CompletableFuture<String> stuck = submit(lane, 1);
        CompletableFuture<String> behind = submit(lane, 2);

        assertThat(behind.join()).isEqualTo("ok2");
        assertThat(stuck).isCompletedExceptionally();
    }

    @Test
    void manyWaitingCallsThatEndAtOnceDoNotOverflowTheStackNorStrandTheLane() throws Exception {
        // A call can end before it returns: Vert.x fails a request at once when the connection pool's wait queue is
        // full, on the event loop that is ending the previous call. With one item per call (max-batch 1), every
        // waiting item is then its own call, each ending inside the one before.
        CompletableFuture<List<String>> head = new CompletableFuture<>();
        AtomicInteger made = new AtomicInteger();
        CoalescingLane<Integer, String> lane = new CoalescingLane<>(items -> made.getAndIncrement() == 0
                ? Uni.createFrom().completionStage(head)
                : Uni.createFrom().failure(new IllegalStateException("pool busy")), 1, TIMEOUT, null);
        submit(lane, 0);
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        for (int i = 1; i <= 20_000; i++) {
            waiting.add(submit(lane, i));
        }

        // Answered on a thread with the JVM's default stack, as an event loop's is.
        Thread.ofPlatform().start(() -> head.complete(List.of("r0"))).join();

        assertThat(submit(lane, -1)).as("a request after them").isCompletedExceptionally();
        assertThat(waiting).allSatisfy(answer -> assertThat(answer).isCompletedExceptionally());
    }

    @Test
    void aCallAnsweringTheWrongNumberOfResultsFailsItsItemsAndTheLaneGoesOn() {
        AtomicInteger made = new AtomicInteger();
        CompletableFuture<List<String>> noAnswers = new CompletableFuture<>();
        CoalescingLane<Integer, String> lane = new CoalescingLane<>(items -> made.incrementAndGet() == 2
                ? Uni.createFrom().completionStage(noAnswers)
                : Uni.createFrom().item(items.stream().map(i -> "ok" + i).toList()), 10, TIMEOUT, null);
        assertThat(submit(lane, 0).join()).isEqualTo("ok0");

        CompletableFuture<String> one = submit(lane, 1);
        noAnswers.complete(List.of());

        assertThat(one).isCompletedExceptionally();
        assertThat(submit(lane, 2).join()).isEqualTo("ok2");
    }
}
