package io.streamq.core.store;

/** Outcome of recording a replay: the new count, or why it was not recorded. */
public sealed interface DlqReplayMark {

    record Marked(int replayCount) implements DlqReplayMark {
    }

    record Missing() implements DlqReplayMark {
    }

    record LimitReached() implements DlqReplayMark {
    }
}
