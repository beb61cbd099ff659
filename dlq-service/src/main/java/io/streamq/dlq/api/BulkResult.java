package io.streamq.dlq.api;

import java.util.List;

/** Answer of bulk-replay and bulk-delete (docs/dlq.md#api), results in the order of the request's ids. */
public record BulkResult(int successCount, int failureCount, List<BulkItem> results) {

    public static BulkResult of(List<BulkItem> results) {
        int ok = (int) results.stream().filter(BulkItem::success).count();
        return new BulkResult(ok, results.size() - ok, results);
    }
}
