package io.streamq.monitor.api;

import java.util.List;

/**
 * What a confirmed cancel by filter did: jobs cancelled in all and by the state they left, the jobs it looked at,
 * and whether it stopped at its limit ({@code limited}: matching jobs may be left; another call continues).
 *
 * @param firstCancelled the first 100 ids cancelled, as the owner-action event names them
 */
public record CancelByFilterResult(String queue, String jobName, String tenant, long cancelled, long waiting,
                                   long delayed, long active, int looked, boolean limited, int limit,
                                   List<String> firstCancelled) {
}
