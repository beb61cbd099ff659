package io.streamq.core.store.dlq;

/** One member of a DLQ sorted set with its score: an entry id by time or replay count, or a value by count. */
public record Scored(String member, double score) {
}
