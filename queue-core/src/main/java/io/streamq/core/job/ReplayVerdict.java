package io.streamq.core.job;

/** What a replay of a dead job did on its queue (see replay.lua). */
public enum ReplayVerdict {
    /** Back on its queue as waiting. */
    REPLAYED,
    /** Already waiting, delayed or running again: a second replay would run it twice. */
    LIVE,
    /** It ran again and succeeded: running it once more would repeat its effects. */
    SUCCEEDED,
    /** A producer or an owner cancelled it since it failed: cancelled is final. */
    CANCELLED,
    /**
     * The job already ran a replay of this number or higher, which the DLQ entry has not heard of yet (its mark was
     * lost; the job's failure since is on its way): running it would go past the replay limit.
     */
    BEHIND;

    public static ReplayVerdict fromScript(String reply) {
        return switch (reply) {
            case "replayed" -> REPLAYED;
            case "live" -> LIVE;
            case "succeeded" -> SUCCEEDED;
            case "cancelled" -> CANCELLED;
            case "behind" -> BEHIND;
            default -> throw new IllegalStateException("replay.lua answered " + reply);
        };
    }
}
