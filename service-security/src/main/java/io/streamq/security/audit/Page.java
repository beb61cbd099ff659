package io.streamq.security.audit;

import java.util.List;

/**
 * One page of results. {@code next} is the cursor of the following page, null at the end. A page may hold fewer
 * than the limit and still have a next: a query scans a bounded number of entries per call, so a rare filter
 * never makes one call read the whole log.
 */
public record Page<T>(List<T> items, String next) {

    public Page {
        items = List.copyOf(items);
    }
}
