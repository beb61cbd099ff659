package io.streamq.core.store.dlq;

/** A position in an index: the member and its score exactly as Redis printed it, so a seek finds it again. */
public record DlqCursor(String score, String member) {
}
