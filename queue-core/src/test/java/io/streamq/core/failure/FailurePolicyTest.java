package io.streamq.core.failure;

import io.streamq.core.contract.payload.FieldError;
import io.streamq.core.contract.payload.InvalidPayloadException;
import io.streamq.core.failure.FailureDecision.DeadLetter;
import io.streamq.core.failure.FailureDecision.Reason;
import io.streamq.core.failure.FailureDecision.Retry;
import io.streamq.core.failure.FailurePolicy.Attempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FailurePolicy#decide} for every class of failure the engine makes, at every attempt boundary. */
class FailurePolicyTest {

    private static final int MAX = 3;
    private static final Backoff FIXED = new Backoff(Backoff.Kind.FIXED, Duration.ofSeconds(2), Duration.ofMinutes(10), 0);
    private static final FailurePolicy POLICY = new FailurePolicy(FIXED, Set.of("quota-gone"), true);

    /** A handler's own failure, as the worker's JobFailure is. */
    private static final class Coded extends Exception implements CodedFailure {
        private final String code;
        private final boolean retryable;

        Coded(String code, boolean retryable) {
            super("coded " + code);
            this.code = code;
            this.retryable = retryable;
        }

        @Override
        public String code() {
            return code;
        }

        @Override
        public boolean retryable() {
            return retryable;
        }
    }

    /** Each failure class, with its code and whether the policy may retry it. */
    static Stream<Arguments> failureClasses() {
        return Stream.of(
                Arguments.of(AttemptFailure.invalidPayload(new InvalidPayloadException(
                        List.of(new FieldError("payload.x", "is required")))), "invalid-payload", false),
                Arguments.of(AttemptFailure.invalidPayload(new IOException("not JSON")), "invalid-payload", false),
                Arguments.of(AttemptFailure.resultNotSerializable(new IOException("cycle")), "result-not-serializable",
                        false),
                Arguments.of(AttemptFailure.timedOut(Duration.ofSeconds(5)), "timeout", true),
                Arguments.of(AttemptFailure.thrown(new Coded("upstream-down", true)), "upstream-down", true),
                Arguments.of(AttemptFailure.thrown(new Coded("bad-input", false)), "bad-input", false),
                Arguments.of(AttemptFailure.thrown(new IllegalStateException("bug")), "error", true),
                Arguments.of(AttemptFailure.stalled(MAX), "stalled", false),
                Arguments.of(AttemptFailure.unresponsive(Duration.ofSeconds(1), Duration.ofSeconds(5)),
                        "handler-unresponsive", false));
    }

    @ParameterizedTest
    @MethodSource("failureClasses")
    void aRetryableFailureIsRetriedUntilTheLastAttemptAndAPermanentOneNever(AttemptFailure failure, String code,
                                                                            boolean retryable) {
        assertThat(failure.error().code()).isEqualTo(code);
        assertThat(failure.retryable()).isEqualTo(retryable);
        for (int attempt = 1; attempt <= MAX + 1; attempt++) {
            FailureDecision decision = POLICY.decide(failure, new Attempt(attempt, MAX));
            FailureDecision expected = !retryable ? new DeadLetter(Reason.PERMANENT)
                    : attempt < MAX ? new Retry(2000) : new DeadLetter(Reason.ATTEMPTS_EXHAUSTED);
            assertThat(decision).as("%s at attempt %d of %d", code, attempt, MAX).isEqualTo(expected);
        }
    }

    @Test
    void aCodeTheQueueListsSkipsTheRemainingAttempts() {
        AttemptFailure listed = AttemptFailure.thrown(new Coded("quota-gone", true));

        assertThat(POLICY.decide(listed, new Attempt(1, MAX))).isEqualTo(new DeadLetter(Reason.NON_RETRYABLE_CODE));
    }

    @Test
    void aTimeoutOnAQueueThatDoesNotRetryTimeoutsIsDeadLetteredWhoeverTimedOut() {
        FailurePolicy noTimeoutRetries = new FailurePolicy(FIXED, Set.of(), false);
        DeadLetter expected = new DeadLetter(Reason.TIMEOUT_NOT_RETRIED);

        assertThat(noTimeoutRetries.decide(AttemptFailure.timedOut(Duration.ofSeconds(1)), new Attempt(1, MAX)))
                .isEqualTo(expected);
        // An integration that timed out says so with the same code.
        assertThat(noTimeoutRetries.decide(AttemptFailure.thrown(new Coded("timeout", true)), new Attempt(1, MAX)))
                .isEqualTo(expected);
        assertThat(noTimeoutRetries.decide(AttemptFailure.thrown(new Coded("upstream-down", true)),
                new Attempt(1, MAX))).isEqualTo(new Retry(2000));
    }

    @Test
    void aPermanentFailureIsReportedAsSuchEvenOnItsLastAttempt() {
        AttemptFailure listedAndPermanent = AttemptFailure.thrown(new Coded("quota-gone", false));

        assertThat(POLICY.decide(listedAndPermanent, new Attempt(MAX, MAX))).isEqualTo(new DeadLetter(Reason.PERMANENT));
    }

    @Test
    void exponentialBackoffDoublesPerFailedAttemptUpToItsCap() {
        Backoff exponential = new Backoff(Backoff.Kind.EXPONENTIAL, Duration.ofSeconds(1), Duration.ofSeconds(5), 0);
        FailurePolicy policy = new FailurePolicy(exponential, Set.of(), true);
        AttemptFailure failure = AttemptFailure.thrown(new RuntimeException("again"));

        assertThat(List.of(1, 2, 3, 4, 9).stream().map(n -> policy.decide(failure, new Attempt(n, 10))))
                .containsExactly(new Retry(1000), new Retry(2000), new Retry(4000), new Retry(5000), new Retry(5000));
    }

    @Test
    void jitterOnlyShortensTheWaitAndByAtMostItsFraction() {
        Backoff jittered = new Backoff(Backoff.Kind.FIXED, Duration.ofSeconds(10), Duration.ofMinutes(1), 0.2);
        FailurePolicy policy = new FailurePolicy(jittered, Set.of(), true);
        AttemptFailure failure = AttemptFailure.thrown(new RuntimeException("again"));

        for (int i = 0; i < 200; i++) {
            Retry retry = (Retry) policy.decide(failure, new Attempt(1, MAX));
            assertThat(retry.delayMs()).isBetween(8000L, 10_000L);
        }
    }

    @Test
    void aThrownFailureKeepsItsNameMessageAndABoundedStack() {
        AttemptFailure failure = AttemptFailure.thrown(new Coded("upstream-down", true));

        assertThat(failure.error().name()).isEqualTo("Coded");
        assertThat(failure.error().message()).isEqualTo("coded upstream-down");
        assertThat(failure.error().stack()).contains("FailurePolicyTest").hasSizeLessThanOrEqualTo(8000);
    }
}
