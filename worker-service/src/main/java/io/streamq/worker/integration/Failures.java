package io.streamq.worker.integration;

import io.streamq.worker.handler.JobFailure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * The one classification of integration failures. Each failure is a {@link JobFailure} whose code (DLQ routing,
 * analytics), class name (the job's {@code errorName}) and message (fixed text plus the integration and status, no
 * payload data) group well. Retryable: timeouts, connection errors, 5xx, 408/425/429. Not retryable: other 4xx,
 * refused destinations, missing configuration, invalid templates, answers the integration should never give.
 * The table of codes is in docs/integrations.md.
 */
public final class Failures {

    private Failures() {
    }

    public static final String INTEGRATION_NOT_CONFIGURED = "integration-not-configured";
    public static final String DESTINATION_REFUSED = "destination-refused";
    public static final String TIMEOUT = "timeout";
    public static final String CONNECTION_FAILED = "connection-failed";
    public static final String HTTP_CLIENT_ERROR = "http-client-error";
    public static final String HTTP_RETRY_LATER = "http-retry-later";
    public static final String HTTP_SERVER_ERROR = "http-server-error";
    public static final String TOO_MANY_REDIRECTS = "too-many-redirects";
    public static final String RESPONSE_TOO_LARGE = "response-too-large";
    public static final String INVALID_RESPONSE = "invalid-response";
    public static final String RUN_FINISHED = "run-finished";
    public static final String INVALID_TEMPLATE = "invalid-template";
    public static final String SMTP_FAILED = "smtp-failed";
    public static final String RECIPIENTS_UNSENT = "recipients-unsent";
    public static final String RECIPIENT_UNKNOWN = "recipient-unknown";
    public static final String MANIFEST_MISMATCH = "manifest-mismatch";
    public static final String INVALID_MANIFEST = "invalid-manifest";
    public static final String PLUGIN_NOT_INSTALLED = "plugin-not-installed";
    public static final String INVALID_STATE = "invalid-state";
    public static final String REPORT_TOO_LARGE = "report-too-large";
    public static final String INVALID_RANGE = "invalid-range";

    /** Base of every integration failure: its simple class name is the job's {@code errorName}. */
    public abstract static class IntegrationFailure extends JobFailure {
        IntegrationFailure(String code, String message, boolean retryable, Throwable cause) {
            super(code, message, retryable, cause);
        }
    }

    public static final class IntegrationNotConfigured extends IntegrationFailure {
        IntegrationNotConfigured(String message) {
            super(INTEGRATION_NOT_CONFIGURED, message, false, null);
        }
    }

    public static final class DestinationRefused extends IntegrationFailure {
        DestinationRefused(String message) {
            super(DESTINATION_REFUSED, message, false, null);
        }
    }

    public static final class Timeout extends IntegrationFailure {
        Timeout(String message, Throwable cause) {
            super(TIMEOUT, message, true, cause);
        }
    }

    public static final class ConnectionFailed extends IntegrationFailure {
        ConnectionFailed(String message, Throwable cause) {
            super(CONNECTION_FAILED, message, true, cause);
        }
    }

    public static final class HttpStatusFailure extends IntegrationFailure {
        private final int status;

        HttpStatusFailure(String code, String message, boolean retryable, int status) {
            super(code, message, retryable, null);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** A failure the integration's own protocol defines (run finished, invalid template, manifest mismatch, ...). */
    public static final class IntegrationRejected extends IntegrationFailure {
        IntegrationRejected(String code, String message, boolean retryable, Throwable cause) {
            super(code, message, retryable, cause);
        }
    }

    public static JobFailure notConfigured(String integration, String missing) {
        return new IntegrationNotConfigured(integration + " integration is not configured (" + missing + ")");
    }

    public static JobFailure refused(String message) {
        return new DestinationRefused(message);
    }

    /** An HTTP status that is not a success. */
    public static HttpStatusFailure forStatus(String integration, int status) {
        String message = integration + " answered HTTP " + status;
        if (status >= 500) {
            return new HttpStatusFailure(HTTP_SERVER_ERROR, message, true, status);
        }
        if (status == 408 || status == 425 || status == 429) {
            return new HttpStatusFailure(HTTP_RETRY_LATER, message, true, status);
        }
        // 3xx reaching here has no usable Location; 4xx says the request itself is wrong.
        return new HttpStatusFailure(HTTP_CLIENT_ERROR, message, false, status);
    }

    /** An I/O failure of one exchange. */
    public static JobFailure forException(String integration, IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return new ConnectionFailed(integration + " did not accept the connection in time", e);
        }
        if (e instanceof HttpTimeoutException) {
            return new Timeout(integration + " did not answer in time", e);
        }
        if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            return new ConnectionFailed(integration + " refused the connection", e);
        }
        if (e instanceof UnknownHostException || e.getCause() instanceof UnresolvedAddressException) {
            return new ConnectionFailed(integration + " host does not resolve", e);
        }
        return new ConnectionFailed(integration + " unreachable: " + e.getClass().getSimpleName(), e);
    }

    public static JobFailure rejected(String code, String message) {
        return new IntegrationRejected(code, message, false, null);
    }

    public static JobFailure rejected(String code, String message, Throwable cause) {
        return new IntegrationRejected(code, message, false, cause);
    }

    public static JobFailure transientFailure(String code, String message, Throwable cause) {
        return new IntegrationRejected(code, message, true, cause);
    }

    public static JobFailure invalidResponse(String integration, String what) {
        return new IntegrationRejected(INVALID_RESPONSE, integration + " answered " + what, false, null);
    }
}
