package io.streamq.security.confirm;

/** Why a confirm token was refused; each is told apart so the client knows whether to start over. */
public enum ConfirmFailure {
    UNKNOWN("The confirm token is not known (never issued, or long expired). Repeat the call without it to get a new one."),
    FOREIGN("The confirm token was issued to another user."),
    USED("The confirm token was already used; a token works once. Repeat the call without it to get a new one."),
    EXPIRED("The confirm token has expired. Repeat the call without it to get a new one."),
    MISMATCH("The confirm token was issued for another action or other parameters.");

    private final String detail;

    ConfirmFailure(String detail) {
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }

    /** Lower-case, as the script answers and as the problem type ends. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
