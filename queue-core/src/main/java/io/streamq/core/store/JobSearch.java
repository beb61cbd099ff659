package io.streamq.core.store;

import java.util.List;

/**
 * The matches of a search among the first jobs of a state, and how far it looked.
 *
 * @param scanned        jobs looked at, from the start of the state in listing order
 * @param partlySearched payloads without a match in the part that was searched, whose rest was not
 * @param limited        true when the state held jobs after the scanned ones (a bound was reached)
 */
public record JobSearch(List<String> matches, int scanned, int partlySearched, boolean limited) {
}
