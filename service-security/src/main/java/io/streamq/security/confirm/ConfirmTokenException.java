package io.streamq.security.confirm;

import io.streamq.security.error.ProblemException;
import io.streamq.security.error.ProblemTypes;

import java.util.Map;

/**
 * A confirm token that cannot be spent: 409 Conflict (the request conflicts with the state of the token), with a
 * problem type per reason, {@code urn:problem-type:streamq:confirm-token:<reason>}.
 */
public class ConfirmTokenException extends ProblemException {

    private final ConfirmFailure failure;

    public ConfirmTokenException(ConfirmFailure failure) {
        super(409, ProblemTypes.CONFIRM_TOKEN + ":" + failure.code(), "Confirm token refused", failure.detail(),
                Map.of(), null);
        this.failure = failure;
    }

    public ConfirmFailure failure() {
        return failure;
    }
}
