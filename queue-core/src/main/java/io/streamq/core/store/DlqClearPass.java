package io.streamq.core.store;

/**
 * One step of a clear task (dlq-clear-batch): how many entries it removed, and how many members of the task's index
 * it looked at; fewer looked at than asked for means the task reached the end of its range.
 */
public record DlqClearPass(int removed, int looked) {
}
