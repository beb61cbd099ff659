package io.streamq.dlq.query;

import java.util.List;

/**
 * A page of the list. {@code searchLimited}: the filters needed a scan, which stopped after the newest
 * {@code scanned} candidates of the narrowest index, so {@code total} counts matches among those only.
 */
public record DlqPage(List<DlqSummary> data, int page, int pageSize, long total, boolean searchLimited,
                      long scanned) {
}
