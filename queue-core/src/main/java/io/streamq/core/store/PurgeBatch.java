package io.streamq.core.store;

/** Jobs deleted by one purge batch, per state; {@code more} when a further batch may find more. */
public record PurgeBatch(long waiting, long delayed, long completed, long failed, long cancelled, boolean more) {

    public long total() {
        return waiting + delayed + completed + failed + cancelled;
    }
}
