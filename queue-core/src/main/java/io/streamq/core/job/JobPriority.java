package io.streamq.core.job;

/**
 * A job's priority: 1 starts first, 10 last, 5 unless the producer says otherwise. Among a queue's waiting jobs a
 * lower number starts first, except that every 10th start goes round robin to another priority that waits, so none
 * starves (docs/architecture.md, "Priorities").
 */
public final class JobPriority {
    private JobPriority() {
    }

    public static final int HIGHEST = 1;
    public static final int DEFAULT = 5;
    public static final int LOWEST = 10;

    public static boolean valid(int priority) {
        return priority >= HIGHEST && priority <= LOWEST;
    }
}
