package io.streamq.producer.api;

import io.streamq.security.error.FieldProblem;
import io.streamq.security.error.InvalidRequestException;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** The {@code wait} query parameter of a job read: whole seconds, 0 to {@value #MAX_SECONDS}; absent means 0. */
final class WaitParam {

    static final String NAME = "wait";
    static final int MAX_SECONDS = 60;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,3}");

    private WaitParam() {
    }

    /** @throws InvalidRequestException 400 naming {@code wait} for anything but an integer 0 to 60 */
    static Duration parse(String value) {
        if (value == null) {
            return Duration.ZERO;
        }
        if (!DIGITS.matcher(value).matches() || Integer.parseInt(value) > MAX_SECONDS) {
            throw new InvalidRequestException("The request has invalid fields.", List.of(new FieldProblem(NAME,
                    "must be an integer from 0 to " + MAX_SECONDS + " (seconds)")));
        }
        return Duration.ofSeconds(Integer.parseInt(value));
    }
}
