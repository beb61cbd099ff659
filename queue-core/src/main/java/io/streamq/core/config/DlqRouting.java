package io.streamq.core.config;

import java.util.Set;

/** When a failed attempt goes to the DLQ instead of being retried. */
public record DlqRouting(Set<String> nonRetryableCodes, boolean retryTimeouts) {

    public static final String TIMEOUT = "timeout";

    /**
     * @param retryable what the handler said of its own failure
     */
    public boolean sendToDlq(String errorCode, boolean retryable, int attempt, int maxAttempts) {
        if (attempt >= maxAttempts || !retryable || nonRetryableCodes.contains(errorCode)) {
            return true;
        }
        return TIMEOUT.equals(errorCode) && !retryTimeouts;
    }
}
