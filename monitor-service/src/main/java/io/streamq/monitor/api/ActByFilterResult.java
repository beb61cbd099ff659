package io.streamq.monitor.api;

import java.util.List;

/**
 * What a confirmed retry or remove by filter did: the matching jobs it read ({@code matched}), those the action was
 * applied to ({@code done}), those refused because they had left the state meanwhile ({@code refused}), those whose
 * call failed ({@code errors}: not known to be applied), and whether it stopped at its limit ({@code limited}:
 * matching jobs are left; another call continues).
 *
 * @param action    {@code retried} or {@code removed}
 * @param firstDone the first 100 ids acted on, as the owner-action event names them
 */
public record ActByFilterResult(String queue, String state, String search, String action, long matched, long done,
                                long refused, long errors, boolean limited, int limit, List<String> firstDone) {
}
