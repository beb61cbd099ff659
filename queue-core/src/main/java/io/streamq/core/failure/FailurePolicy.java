package io.streamq.core.failure;

import io.streamq.core.failure.FailureDecision.DeadLetter;
import io.streamq.core.failure.FailureDecision.Reason;
import io.streamq.core.failure.FailureDecision.Retry;

import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What becomes of a failed attempt: one queue's rules ({@code streamq.queue.<q>.backoff.*},
 * {@code non-retryable-codes}, {@code retry-timeouts}; the job's own {@code maxAttempts}). {@link #decide} is the
 * only place that chooses between a retry and the DLQ. The whole life of a failure, and where each step is carried:
 *
 * <ol>
 * <li><b>Attempt.</b> {@code claim.lua} (waiting → active) hands a job to a worker and counts the attempt;
 * {@code reclaim.lua} does the same for a job whose worker fell silent past the visibility timeout. The worker's
 * {@code JobProcessor} runs it on its own thread through {@code JobRunner}.</li>
 * <li><b>Classified.</b> {@code JobRunner} turns how the handler ended into an {@link AttemptFailure}: a
 * {@link CodedFailure} (the handlers' {@code JobFailure}) carries its own code and retryability, any other exception
 * is {@code error} and retryable, a payload that no longer binds or a result that cannot be stored is permanent,
 * a handler cancelled at its timeout is {@code timeout}. {@code JobProcessor} adds the two the engine sees itself: a
 * job recovery handed over past its attempts is {@code stalled}, a handler ignoring its cancellation is
 * {@code handler-unresponsive}; both permanent. Not failures, and never decided here: no handler for the type in
 * this worker ({@code defer.lua}, back to delayed with the attempt refunded), a worker stopping
 * ({@code hand-back.lua}, back to waiting, refunded), a job another worker took over (its outcome counts there).</li>
 * <li><b>Retry.</b> {@link #decide} answers {@link Retry} with the {@link Backoff} delay of this attempt.
 * {@code retry.lua} (active → delayed, due at now + delay) records the error on the job, the failure reason and the
 * minute's {@code failedAttempts}, and counts {@code total:retried}. When it is due, {@code promote.lua} (the
 * worker's promote loop) moves it to waiting, and step 1 runs the next attempt.</li>
 * <li><b>Dead-letter.</b> A permanent failure, a code the queue lists as non-retryable, a timeout on a queue that
 * does not retry them, or the last attempt: {@link DeadLetter}. {@code fail-to-dlq.lua} (active → failed) marks the
 * job {@code deadLettered}, puts it in the failed index (trimmed by the queue's removal policy) and, in the same call,
 * writes the full {@code dlq.record-failure} record to the queue's own dead stream {@code q:{Q}:dead}.</li>
 * <li><b>DLQ forwarder.</b> dlq-service's {@code DeadStreamForwarder} reads each dead stream and stores the record
 * with {@code dlq-insert.lua} as the DLQ entry {@code dlq:{dlq}:entry:<jobId>}, idempotently by job id, then
 * acknowledges it: a job that fails again after a replay updates the same entry and keeps its history.</li>
 * <li><b>Replay.</b> An owner replays the entry: {@code DlqReplayer}, under the entry's lock and its
 * {@code max-replays}, calls {@code replay.lua}, which puts the job back to waiting under its own id with a fresh
 * hash: attempts 0, the queue's current {@code maxAttempts}, its {@code replayCount}, still {@code deadLettered}. It
 * refuses a job that is live again, one that succeeded, and a replay number the job already ran; then
 * {@code dlq-mark-replayed.lua} counts the replay on the entry. (An owner's retry of a failed job,
 * {@code retry-job.lua} from monitor-service, also restarts its attempts, keeping the hash and its error.)</li>
 * <li><b>After.</b> The job lives through step 1 again. Failing for good once more, it returns to the same entry.
 * Succeeding, {@code complete.lua} sees {@code deadLettered} and hands a {@code dlq.job-succeeded} record to the dead
 * stream; the forwarder marks the entry ({@code dlq-mark-succeeded.lua}) and no replay runs it again.</li>
 * </ol>
 *
 * The states and scripts are the table of docs/architecture.md ("The state machine").
 */
public record FailurePolicy(Backoff backoff, Set<String> nonRetryableCodes, boolean retryTimeouts) {

    public FailurePolicy {
        nonRetryableCodes = Set.copyOf(nonRetryableCodes);
    }

    /** The attempt that failed: its number (1 for the first) and how many the job may make. */
    public record Attempt(int number, int max) {
    }

    public FailureDecision decide(AttemptFailure failure, Attempt attempt) {
        String code = failure.error().code();
        if (!failure.retryable()) {
            return new DeadLetter(Reason.PERMANENT);
        }
        if (nonRetryableCodes.contains(code)) {
            return new DeadLetter(Reason.NON_RETRYABLE_CODE);
        }
        // By code, not by who made it: an integration's own timeout counts as one too.
        if (AttemptFailure.TIMEOUT.equals(code) && !retryTimeouts) {
            return new DeadLetter(Reason.TIMEOUT_NOT_RETRIED);
        }
        if (attempt.number() >= attempt.max()) {
            return new DeadLetter(Reason.ATTEMPTS_EXHAUSTED);
        }
        return new Retry(backoff.delayMs(attempt.number(), ThreadLocalRandom.current()));
    }
}
