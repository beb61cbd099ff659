package io.streamq.worker.engine;

import io.streamq.core.contract.QueueName;
import io.streamq.core.job.ClaimResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** How long a held claim waits: the rate's own wait, the poll at max active, never past a second. */
class LimitWaitTest {

    private final LimitWait wait = new LimitWait(QueueName.EMAIL, Duration.ofMillis(100));

    @Test
    void aRateWaitsUntilItFreesAStart() {
        assertThat(wait.heldBy(new ClaimResult.Limited(ClaimResult.Limit.RATE, Duration.ofMillis(40))))
                .isEqualTo(Duration.ofMillis(40));
    }

    @Test
    void maxActivePollsUnlessTheRateFreesAStartLater() {
        assertThat(wait.heldBy(new ClaimResult.Limited(ClaimResult.Limit.MAX_ACTIVE, Duration.ZERO)))
                .isEqualTo(Duration.ofMillis(100));
        assertThat(wait.heldBy(new ClaimResult.Limited(ClaimResult.Limit.MAX_ACTIVE, Duration.ofMillis(300))))
                .isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aSlowRateIsCheckedAgainWithinASecondSoAnOwnersChangeIsObeyed() {
        assertThat(wait.heldBy(new ClaimResult.Limited(ClaimResult.Limit.RATE, Duration.ofDays(1))))
                .isEqualTo(LimitWait.LONGEST);
        assertThat(wait.heldBy(new ClaimResult.Limited(ClaimResult.Limit.MAX_ACTIVE, Duration.ofHours(1))))
                .isEqualTo(LimitWait.LONGEST);
    }
}
