package io.streamq.core.failure;

/**
 * A failure that knows itself: a stable code (DLQ routing, analytics) and whether retrying can help. A handler's
 * exception that implements it is classified by what it says; any other exception is {@code error}, retryable.
 */
public interface CodedFailure {

    String code();

    boolean retryable();
}
