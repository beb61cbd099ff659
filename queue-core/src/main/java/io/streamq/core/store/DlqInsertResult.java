package io.streamq.core.store;

import java.util.List;

/**
 * What one {@link DlqStore#insert} did: per record {@code added}, {@code updated} (failed again after a replay),
 * {@code duplicate} or {@code stale} (already stored; nothing changed), and how many old entries the count bound
 * dropped to make room.
 */
public record DlqInsertResult(List<String> statuses, long dropped) {
}
