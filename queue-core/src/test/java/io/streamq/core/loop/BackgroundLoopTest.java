package io.streamq.core.loop;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BackgroundLoopTest {

    private static final Duration LONG = Duration.ofSeconds(30);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aTurnSaysWhenTheNextIsDueAndItsWorkIsCounted() throws InterruptedException {
        CountDownLatch turns = new CountDownLatch(3);
        BackgroundLoop loop = new BackgroundLoop("test-again", () -> {
            turns.countDown();
            // Three turns at once, then a long pause: a fourth turn would mean the pause was ignored.
            return turns.getCount() > 0 ? LoopTurn.again(2) : LoopTurn.after(2, LONG);
        }, FailureBackoff.DEFAULT, registry);
        loop.start();
        try {
            assertThat(turns.await(10, TimeUnit.SECONDS)).isTrue();
            awaitCount(loop, "ok", 3);
            assertThat(registry.get(LoopRuns.DONE).tag("loop", "test-again").counter().count()).isEqualTo(6);
            assertThat(registry.get(LoopRuns.LAST_SUCCESS).tag("loop", "test-again").gauge().value()).isPositive();
        } finally {
            loop.stop();
        }
        assertThat(loop.join(deadline())).isTrue();
        assertThat(count("test-again", "ok")).isEqualTo(3);
    }

    @Test
    void failedTurnsAreRetriedAfterAGrowingBackoffAndTheLoopGoesOn() throws InterruptedException {
        BlockingQueue<Long> starts = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        BackgroundLoop loop = new BackgroundLoop("test-failing", () -> {
            starts.add(System.nanoTime());
            if (calls.incrementAndGet() <= 3) {
                throw new IllegalStateException("Redis away");
            }
            return LoopTurn.after(0, LONG);
        }, new FailureBackoff(Duration.ofMillis(100), Duration.ofMillis(400)), registry);
        loop.start();
        try {
            List<Long> at = List.of(take(starts), take(starts), take(starts), take(starts));
            awaitCount(loop, "ok", 1);
            assertThat(count("test-failing", "failed")).isEqualTo(3);
            // At least the backoff between failures: 100, 200, 400 ms.
            assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
            assertThat(at.get(2) - at.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
            assertThat(at.get(3) - at.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(400).toNanos());
            assertThat(loop.death()).isEmpty();
            assertThat(loop.ended()).isFalse();
        } finally {
            loop.stop();
        }
    }

    @Test
    void anErrorEndsTheLoopAndSaysWhy() {
        BackgroundLoop loop = new BackgroundLoop("test-error", () -> {
            throw new StackOverflowError("deep");
        }, FailureBackoff.DEFAULT, registry);
        loop.start();
        assertThat(loop.join(deadline())).as("ended by the error").isTrue();
        assertThat(loop.death()).get().isInstanceOf(StackOverflowError.class);
        assertThat(loop.stopping()).isFalse();
    }

    @Test
    void stopWakesALoopFromItsPauseAndJoinWaitsForIt() throws InterruptedException {
        CountDownLatch first = new CountDownLatch(1);
        BackgroundLoop loop = new BackgroundLoop("test-pause", () -> {
            first.countDown();
            return LoopTurn.after(0, LONG);
        }, FailureBackoff.DEFAULT, registry);
        loop.start();
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        loop.stop();
        assertThat(loop.join(deadline())).isTrue();
        assertThat(loop.ended()).isTrue();
        assertThat(count("test-pause", "ok")).isEqualTo(1);
    }

    @Test
    void finishTurnLetsTheTurnUnderWayEndUninterrupted() throws InterruptedException {
        CountDownLatch inTurn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        BackgroundLoop loop = new BackgroundLoop("test-finish", () -> {
            inTurn.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
            }
            return LoopTurn.again(1);
        }, FailureBackoff.DEFAULT, registry);
        loop.start();
        assertThat(inTurn.await(10, TimeUnit.SECONDS)).isTrue();
        loop.finishTurn();
        assertThat(loop.join(System.nanoTime() + Duration.ofMillis(200).toNanos())).as("still in its turn").isFalse();
        release.countDown();
        assertThat(loop.join(deadline())).isTrue();
        assertThat(interrupted).hasValue(0);
        assertThat(count("test-finish", "ok")).isEqualTo(1);
    }

    @Test
    void aFixedRateTurnPausesForWhatIsLeftOfItsPeriod() {
        long start = System.nanoTime() - Duration.ofMillis(300).toNanos();
        assertThat(LoopTurn.atRate(0, start, Duration.ofSeconds(1)).next())
                .isLessThanOrEqualTo(Duration.ofMillis(700)).isPositive();
        assertThat(LoopTurn.atRate(0, start, Duration.ofMillis(200)).next()).isZero();
    }

    @Test
    void theBackoffDoublesUpToItsCap() {
        FailureBackoff b = new FailureBackoff(Duration.ofMillis(100), Duration.ofMillis(350));
        assertThat(List.of(b.after(1), b.after(2), b.after(3), b.after(40))).containsExactly(Duration.ofMillis(100),
                Duration.ofMillis(200), Duration.ofMillis(350), Duration.ofMillis(350));
        assertThat(FailureBackoff.upTo(Duration.ofMinutes(1)).max()).isEqualTo(Duration.ofMinutes(1));
        assertThat(FailureBackoff.upTo(Duration.ofMillis(10)).max()).isEqualTo(FailureBackoff.DEFAULT.max());
    }

    private double count(String loop, String outcome) {
        return registry.get(LoopRuns.RUNS).tag("loop", loop).tag("outcome", outcome).counter().count();
    }

    private void awaitCount(BackgroundLoop loop, String outcome, double atLeast) throws InterruptedException {
        long until = deadline();
        while (registry.find(LoopRuns.RUNS).tag("loop", loop.name()).tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count()).sum() < atLeast) {
            assertThat(System.nanoTime() - until).as("counted in time").isNegative();
            Thread.sleep(10);
        }
    }

    private static long take(BlockingQueue<Long> q) throws InterruptedException {
        Long v = q.poll(10, TimeUnit.SECONDS);
        assertThat(v).as("a turn in time").isNotNull();
        return v;
    }

    private static long deadline() {
        return System.nanoTime() + Duration.ofSeconds(10).toNanos();
    }
}
