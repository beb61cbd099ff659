package io.streamq.dlq.replay;

/** What a replay request did, or why it did nothing; the reason is part of the API answer. */
public sealed interface ReplayOutcome {

    /** Put back on its queue; {@code replayCount} includes this replay. */
    record Replayed(int replayCount) implements ReplayOutcome {
    }

    record NotFound() implements ReplayOutcome {
    }

    /** The entry was replayed the maximum number of times. */
    record LimitReached(int maxReplays) implements ReplayOutcome {
    }

    /** Another replay of this entry holds its lock right now. */
    record InProgress() implements ReplayOutcome {
    }

    /** The job is already waiting, delayed or running again: a replay would run it twice. */
    record AlreadyLive() implements ReplayOutcome {
    }

    /** The job ran again after an earlier replay (or an owner's retry) and succeeded: it must not run once more. */
    record AlreadySucceeded() implements ReplayOutcome {
    }

    /** The job was cancelled since it failed (by its producer or an owner): cancelled is final. */
    record AlreadyCancelled() implements ReplayOutcome {
    }

    default boolean succeeded() {
        return this instanceof Replayed;
    }

    default String reason() {
        return switch (this) {
            case Replayed r -> "replayed";
            case NotFound n -> "not-found";
            case LimitReached l -> "replay-limit-reached";
            case InProgress i -> "replay-in-progress";
            case AlreadyLive a -> "already-live";
            case AlreadySucceeded a -> "already-succeeded";
            case AlreadyCancelled a -> "already-cancelled";
        };
    }
}
