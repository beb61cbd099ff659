package io.streamq.producer.error;

/** An error answer decided by the application, e.g. 404 for a resource the caller may not see. */
public class ProblemException extends RuntimeException {

    private final int status;

    public ProblemException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
