package io.streamq.monitor.api;

import java.util.List;

/** The answer to a bulk action, in the order of the request's ids. */
public record BulkResult(String queue, String action, int successCount, int failureCount, List<BulkItem> results) {
}
