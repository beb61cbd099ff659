package io.streamq.security.bulk;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The answer to a bulk action, one result per distinct id in the order of the request. {@code queue} and
 * {@code action} are left out of the answer when null: a DLQ bulk spans queues and answers only the counts and
 * results.
 */
public record BulkResult(@JsonInclude(JsonInclude.Include.NON_NULL) String queue,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String action,
                         int successCount, int failureCount, List<BulkItem> results) {

    static BulkResult of(String queue, String action, List<BulkItem> results) {
        int ok = (int) results.stream().filter(BulkItem::success).count();
        return new BulkResult(queue, action, ok, results.size() - ok, results);
    }
}
