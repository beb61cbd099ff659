package io.streamq.producer.api;

import java.util.List;

/**
 * The answer to a bulk enqueue. The three counts add up to the number of items: {@code duplicates} are items whose
 * idempotency key matched an earlier job, so they are in the queue but were not added by this request.
 */
public record BulkResponse(int accepted, int duplicates, int rejected, List<BulkItemResult> results) {

    static BulkResponse of(List<BulkItemResult> results) {
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (BulkItemResult r : results) {
            switch (r.status()) {
                case BulkItemResult.ACCEPTED -> accepted++;
                case BulkItemResult.DUPLICATE -> duplicates++;
                default -> rejected++;
            }
        }
        return new BulkResponse(accepted, duplicates, rejected, List.copyOf(results));
    }
}
