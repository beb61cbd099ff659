package io.streamq.core.job;

/** What a replay of a dead job did on its queue (see replay.lua). */
public enum ReplayVerdict {
    /** Back on its queue as waiting. */
    REPLAYED,
    /** Already waiting, delayed or running again: a second replay would run it twice. */
    LIVE,
    /** It ran again and succeeded: running it once more would repeat its effects. */
    SUCCEEDED;

    public static ReplayVerdict fromScript(String reply) {
        return switch (reply) {
            case "replayed" -> REPLAYED;
            case "live" -> LIVE;
            case "succeeded" -> SUCCEEDED;
            default -> throw new IllegalStateException("replay.lua answered " + reply);
        };
    }
}
