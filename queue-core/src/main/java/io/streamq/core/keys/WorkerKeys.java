package io.streamq.core.keys;

/** Keys of the worker registry; one hash tag so a heartbeat is one atomic script. */
public final class WorkerKeys {
    private static final String TAG = "{workers}";

    private WorkerKeys() {
    }

    /** Worker ids scored by their last heartbeat (epoch ms). */
    public static String index() {
        return "w:" + TAG + ":index";
    }

    /** Prefix of the per-worker heartbeat hashes. */
    public static String heartbeatPrefix() {
        return "w:" + TAG + ":hb:";
    }
}
