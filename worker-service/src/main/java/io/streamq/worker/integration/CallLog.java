package io.streamq.worker.integration;

import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobFailure;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The job's log line of one outbound call: the integration, the method, where (host, port and path only: a query
 * or credentials in a URL may carry secrets, so they are never written), how it ended and how long it took. Headers
 * and bodies are never logged: they hold API keys, signatures and message content.
 */
public final class CallLog {

    private CallLog() {
    }

    /** The call got an answer with this status. */
    public static void answered(JobContext context, String integration, String method, URI uri, int status,
                                long startNanos) {
        context.log("%s %s %s answered %d in %d ms", integration, method, where(uri), status, msSince(startNanos));
    }

    /** The call ended without a usable answer; {@code failure}'s code says why. */
    public static void failed(JobContext context, String integration, String method, URI uri, JobFailure failure,
                              long startNanos) {
        context.log("%s %s %s failed (%s) after %d ms", integration, method, where(uri), failure.code(),
                msSince(startNanos));
    }

    /** The job was cancelled (its thread interrupted) while waiting for the answer. */
    public static void interrupted(JobContext context, String integration, String method, URI uri, long startNanos) {
        context.log("%s %s %s abandoned after %d ms: the job was cancelled", integration, method, where(uri),
                msSince(startNanos));
    }

    /** Host, port and path of a URL, nothing else of it. */
    static String where(URI uri) {
        String host = uri.getHost() == null ? "?" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return host + port + path;
    }

    public static long msSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
