package io.streamq.security.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/** A string of the body holds an unpaired UTF-16 surrogate; {@link #field()} is where, as the client wrote it. */
public class LoneSurrogateException extends JsonParseException {

    private final String field;

    LoneSurrogateException(JsonParser parser, String field) {
        super(parser, "unpaired UTF-16 surrogate in " + field);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
