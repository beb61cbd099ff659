package io.streamq.core.store;

import java.util.List;

/**
 * One page of job ids of a state.
 *
 * @param total jobs in the state
 * @param next  where the following page starts ({@link JobCursor#parse} of the state reads it back); null on the
 *              last page
 */
public record JobIdPage(List<String> ids, long total, String next) {
}
