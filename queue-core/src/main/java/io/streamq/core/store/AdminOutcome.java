package io.streamq.core.store;

/**
 * What an owner's transition of one job did.
 *
 * @param done   true when the job was retried / removed
 * @param reason when not done: {@code not-found} or {@code state:<state>} (e.g. {@code state:active}); when done, the
 *               state the job left
 */
public record AdminOutcome(String jobId, boolean done, String reason) {

    public static final String NOT_FOUND = "not-found";

    public boolean notFound() {
        return !done && NOT_FOUND.equals(reason);
    }
}
