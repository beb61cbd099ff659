package io.streamq.core.store;

import java.util.List;

/**
 * One page of job ids of a state.
 *
 * @param total   jobs in the state, or with a search the matches found among the scanned jobs
 * @param limited true when a search stopped at its scan limit while the state held more jobs
 */
public record JobIdPage(List<String> ids, long total, boolean limited) {
}
