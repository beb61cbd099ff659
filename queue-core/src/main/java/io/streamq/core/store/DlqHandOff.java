package io.streamq.core.store;

/**
 * A record a queue hands to the DLQ through its dead stream: a job that failed for good ({@link DlqRecord},
 * {@code dlq.record-failure}) or a dead-lettered job that later succeeded ({@link DlqSuccess},
 * {@code dlq.job-succeeded}).
 */
public sealed interface DlqHandOff permits DlqRecord, DlqSuccess {

    String originalJobId();
}
