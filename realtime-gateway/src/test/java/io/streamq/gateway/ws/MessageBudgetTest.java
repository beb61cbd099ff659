package io.streamq.gateway.ws;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static io.streamq.gateway.ws.MessageBudget.Verdict.ACCEPT;
import static io.streamq.gateway.ws.MessageBudget.Verdict.CLOSE;
import static io.streamq.gateway.ws.MessageBudget.Verdict.DROP;
import static io.streamq.gateway.ws.MessageBudget.Verdict.WARN;
import static org.assertj.core.api.Assertions.assertThat;

/** The token bucket against a clock the test moves. */
class MessageBudgetTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);
    private final MessageBudget budget = new MessageBudget(2, 4, now::get);

    @Test
    void aBurstPassesThenOneWarningThenDropsThenClose() {
        for (int i = 0; i < 4; i++) {
            assertThat(budget.take()).isEqualTo(ACCEPT);
        }
        assertThat(budget.take()).isEqualTo(WARN);
        assertThat(budget.take()).isEqualTo(DROP);
        assertThat(budget.take()).isEqualTo(DROP);
        assertThat(budget.take()).isEqualTo(CLOSE);
        // Once: what arrives while the close is under way is dropped.
        assertThat(budget.take()).isEqualTo(DROP);
        assertThat(budget.take()).isEqualTo(DROP);
    }

    @Test
    void theAllowanceRefillsAtTheRateAndNeverBeyondTheBurst() {
        for (int i = 0; i < 4; i++) {
            budget.take();
        }
        now.addAndGet(SECOND / 2);   // one message at 2 per second
        assertThat(budget.take()).isEqualTo(ACCEPT);
        assertThat(budget.take()).isEqualTo(WARN);

        now.addAndGet(3600 * SECOND);
        for (int i = 0; i < 4; i++) {
            assertThat(budget.take()).isEqualTo(ACCEPT);
        }
        assertThat(budget.take()).isEqualTo(WARN);
    }

    @Test
    void aClientThatSlowsDownIsWarnedAgainRatherThanClosed() {
        for (int i = 0; i < 4; i++) {
            budget.take();
        }
        assertThat(budget.take()).isEqualTo(WARN);
        assertThat(budget.take()).isEqualTo(DROP);
        assertThat(budget.take()).isEqualTo(DROP);
        now.addAndGet(SECOND / 2);
        assertThat(budget.take()).isEqualTo(ACCEPT);   // the streak ends
        assertThat(budget.take()).isEqualTo(WARN);
        assertThat(budget.take()).isEqualTo(DROP);
    }
}
