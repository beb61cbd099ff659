package io.streamq.producer.error;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;

/** A body that cannot be read as the JSON the endpoint expects at all (empty, not JSON, trailing content). */
public class MalformedBodyException extends RuntimeException {

    private static final int MAX_PARSER_MESSAGE = 200;

    public MalformedBodyException(String detail) {
        super(detail);
    }

    public static MalformedBodyException from(JacksonException e) {
        MalformedBodyException out = new MalformedBodyException(describe(e));
        out.initCause(e);
        return out;
    }

    /**
     * A parser error says what was wrong at which character, useful to the client. Binding errors name Java types,
     * which mean nothing to a client, so only their location is kept.
     */
    static String describe(JacksonException e) {
        StringBuilder out = new StringBuilder("The request body is not valid JSON");
        if (e instanceof StreamReadException && e.getOriginalMessage() != null) {
            String message = e.getOriginalMessage().strip();
            int cut = message.indexOf('\n');
            if (cut >= 0) {
                message = message.substring(0, cut);
            }
            if (message.length() > MAX_PARSER_MESSAGE) {
                message = message.substring(0, MAX_PARSER_MESSAGE) + "...";
            }
            out.append(": ").append(message);
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            out.append(" (line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr()).append(')');
        }
        return out.append('.').toString();
    }
}
