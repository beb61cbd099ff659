package io.streamq.core.store;

/**
 * What one bounded retention call dropped: entries beyond the DLQ's bounds, and tombstones and pending successes
 * beyond theirs.
 */
public record DlqRetentionPass(int entries, int tombstones, int pendingSuccesses) {
}
