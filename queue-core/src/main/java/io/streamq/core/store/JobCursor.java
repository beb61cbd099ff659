package io.streamq.core.store;

import io.streamq.core.job.JobState;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a read of a state's jobs starts. Stream-backed states (waiting, active) continue after a stream entry id, or
 * for waiting after a prioritized job's score ({@code p<score>}); sorted-set states (delayed, completed, failed, cancelled) at a
 * rank. Redis reaches each in O(log n) at any depth. The text form is the owner API's opaque page cursor.
 *
 * @param after stream entry id (or {@code p<score>}) the read continues after; empty from the start of the state
 * @param skip  jobs passed over after that (each is copied into the script, so callers keep it small), or the rank
 *              in a sorted set
 */
public record JobCursor(String after, long skip) {

    // Bounded so the id stays exact as a Lua number and never reaches the largest id, which '(' cannot follow.
    private static final Pattern ENTRY = Pattern.compile("[0-9]{1,15}-[0-9]{1,10}");
    private static final Pattern RANK = Pattern.compile("[0-9]{1,9}");
    // A prioritized set score: below 2^53, so exact as a Lua number.
    private static final Pattern SCORE = Pattern.compile("p[0-9]{1,15}");

    /** The {@code offset}-th job of the state. */
    public static JobCursor offset(long offset) {
        return new JobCursor("", offset);
    }

    /** Waiting and active live in the stream, where only a cursor reaches deep pages cheaply. */
    public static boolean streamBacked(JobState state) {
        return state == JobState.WAITING || state == JobState.ACTIVE;
    }

    /** A cursor handed out for {@code state}; empty when the text is not one. */
    public static Optional<JobCursor> parse(JobState state, String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (streamBacked(state)) {
            boolean valid = ENTRY.matcher(text).matches()
                    || state == JobState.WAITING && SCORE.matcher(text).matches();
            return valid ? Optional.of(new JobCursor(text, 0)) : Optional.empty();
        }
        return RANK.matcher(text).matches() ? Optional.of(offset(Long.parseLong(text))) : Optional.empty();
    }

    /** The script's {@code next} position as a cursor of {@code state}. */
    static JobCursor of(JobState state, String next) {
        return streamBacked(state) ? new JobCursor(next, 0) : offset(Long.parseLong(next));
    }
}
