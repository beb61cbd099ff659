package io.streamq.security.error;

import java.util.List;
import java.util.Map;

/**
 * An error answer decided by the library or the application: status, problem type and title, a detail meant for
 * the client, and headers the status needs (Retry-After on a 429 or 503). One mapper turns every subclass into
 * problem+json, so each service answers the same way.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, String> headers;

    public ProblemException(int status, String detail) {
        this(status, ProblemTypes.BLANK, null, detail, Map.of(), null);
    }

    public ProblemException(int status, String type, String title, String detail, Map<String, String> headers,
                            Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.type = type;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** Null for {@code about:blank}: the status phrase then. */
    public String title() {
        return title;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public List<FieldProblem> errors() {
        return List.of();
    }
}
