package io.streamq.security.bulk;

import java.util.function.Predicate;

/**
 * Which ids a bulk action takes. A bulk with any other id is refused whole (400, one error per bad {@code ids[i]}
 * saying {@code expectation}, detail "{@code summary}; nothing was applied") before any id is applied: an id of the
 * wrong shape could reach a key of another type and fail the bulk halfway.
 */
public record IdRule(Predicate<String> accepts, String expectation, String summary) {

    /** Every id is taken; the action answers ids it cannot use in their results. */
    public static IdRule any() {
        return new IdRule(id -> true, null, null);
    }
}
