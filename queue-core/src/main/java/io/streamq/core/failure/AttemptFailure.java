package io.streamq.core.failure;

import io.streamq.core.contract.payload.InvalidPayloadException;
import io.streamq.core.job.JobError;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

/**
 * One failed attempt, classified: the error recorded on the job (and, if it dies, in its DLQ record) and whether a
 * retry can help. Every way an attempt can fail has its factory here, so the codes the engine itself gives are
 * spelled in one place; {@link FailurePolicy} decides what follows.
 */
public record AttemptFailure(JobError error, boolean retryable) {

    public static final String INVALID_PAYLOAD = "invalid-payload";
    public static final String RESULT_NOT_SERIALIZABLE = "result-not-serializable";
    public static final String TIMEOUT = "timeout";
    public static final String ERROR = "error";
    public static final String STALLED = "stalled";
    public static final String HANDLER_UNRESPONSIVE = "handler-unresponsive";

    private static final int MAX_STACK_CHARS = 8000;

    /** The stored payload no longer binds to its type's record: no attempt will ever read it differently. */
    public static AttemptFailure invalidPayload(Exception e) {
        JobError error = e instanceof InvalidPayloadException invalid
                ? new JobError(INVALID_PAYLOAD, "InvalidPayload", invalid.getMessage(), null)
                : withStack(INVALID_PAYLOAD, e);
        return new AttemptFailure(error, false);
    }

    /** The handler succeeded but its result cannot be stored: running it again gives the same result. */
    public static AttemptFailure resultNotSerializable(Exception e) {
        return new AttemptFailure(withStack(RESULT_NOT_SERIALIZABLE, e), false);
    }

    /** The handler outlived its timeout and stopped when cancelled. */
    public static AttemptFailure timedOut(Duration timeout) {
        return new AttemptFailure(new JobError(TIMEOUT, "Timeout",
                "Handler did not finish within " + timeout.toMillis() + " ms", null), true);
    }

    /** The handler threw: a {@link CodedFailure} says its own code and whether to retry; anything else may pass. */
    public static AttemptFailure thrown(Throwable t) {
        if (t instanceof CodedFailure coded) {
            return new AttemptFailure(withStack(coded.code(), t), coded.retryable());
        }
        return new AttemptFailure(withStack(ERROR, t), true);
    }

    /** Recovery handed the job over once more than its attempts allow: every attempt lost its worker. */
    public static AttemptFailure stalled(int maxAttempts) {
        return new AttemptFailure(new JobError(STALLED, "Stalled",
                "The worker running this job stopped on each of its " + maxAttempts + " attempts", null), false);
    }

    /** The handler ignores its cancellation: a retry would run beside it. */
    public static AttemptFailure unresponsive(Duration stopWait, Duration timeout) {
        return new AttemptFailure(new JobError(HANDLER_UNRESPONSIVE, "HandlerUnresponsive", "Handler still running "
                + stopWait.toMillis() + " ms after its " + timeout.toMillis() + " ms timeout", null), false);
    }

    private static JobError withStack(String code, Throwable t) {
        StringWriter stack = new StringWriter();
        t.printStackTrace(new PrintWriter(stack));
        String text = stack.toString();
        return new JobError(code, t.getClass().getSimpleName(), String.valueOf(t.getMessage()),
                text.length() > MAX_STACK_CHARS ? text.substring(0, MAX_STACK_CHARS) : text);
    }
}
