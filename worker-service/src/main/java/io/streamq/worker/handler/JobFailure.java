package io.streamq.worker.handler;

import io.streamq.core.failure.CodedFailure;

/** A failure a handler understands: a stable code for DLQ routing and analytics, and whether retrying can help. */
public class JobFailure extends Exception implements CodedFailure {
    private final String code;
    private final boolean retryable;

    public JobFailure(String code, String message, boolean retryable) {
        super(message);
        this.code = code;
        this.retryable = retryable;
    }

    public JobFailure(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
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
