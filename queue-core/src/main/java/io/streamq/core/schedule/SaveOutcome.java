package io.streamq.core.schedule;

/** What a save of a schedule did; every outcome but {@link #SAVED} saved nothing. */
public enum SaveOutcome {
    SAVED,
    /** A create found the id taken (on any queue). */
    EXISTS,
    /** A change found no schedule of that id. */
    MISSING,
    /** A change lost a race with another save, again and again. */
    CHANGED,
    /** A create found {@link ScheduleStore#MAX_SCHEDULES} schedules already. */
    FULL,
    /** A change would move the schedule to another queue. */
    OTHER_QUEUE
}
