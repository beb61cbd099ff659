package io.streamq.producer.api;

import java.util.List;

/**
 * The answer to a bulk enqueue. The four counts add up to the number of items: {@code duplicates} are items whose
 * idempotency key matched an earlier job, so they are in the queue but were not added by this request;
 * {@code debounced} items gave their payload to the earlier job of their key (debounce).
 */
public record BulkResponse(int accepted, int duplicates, int debounced, int rejected, List<BulkItemResult> results) {

    static BulkResponse of(List<BulkItemResult> results) {
        int accepted = 0;
        int duplicates = 0;
        int debounced = 0;
        int rejected = 0;
        for (BulkItemResult r : results) {
            switch (r.status()) {
                case BulkItemResult.ACCEPTED -> accepted++;
                case BulkItemResult.DUPLICATE -> duplicates++;
                case BulkItemResult.DEBOUNCED -> debounced++;
                default -> rejected++;
            }
        }
        return new BulkResponse(accepted, duplicates, debounced, rejected, List.copyOf(results));
    }
}
