package io.streamq.security.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Refuses a string or field name holding half of a UTF-16 surrogate pair ({@code "\ud800"}): Java keeps it, but no
 * UTF-8 encoder can, so it would be stored as {@code ?} and come back as something the client never sent. Checked as
 * each token is read, whatever reads it (a record, a tree), so no string slips through a path that forgets to check.
 */
final class WholeTextParser extends JsonParserDelegate {

    WholeTextParser(JsonParser delegate) {
        super(delegate);
    }

    // nextToken() and nextValue() are the only ways forward: the base class's nextFieldName(), nextTextValue() and
    // friends call nextToken().
    @Override
    public JsonToken nextToken() throws IOException {
        return checked(delegate.nextToken());
    }

    @Override
    public JsonToken nextValue() throws IOException {
        return checked(delegate.nextValue());
    }

    private JsonToken checked(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
            char[] text = delegate.getTextCharacters();
            int start = delegate.getTextOffset();
            if (hasLoneSurrogate(text, start, start + delegate.getTextLength())) {
                throw new LoneSurrogateException(this, path(delegate.getParsingContext()));
            }
        }
        return token;
    }

    static boolean hasLoneSurrogate(char[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text[i];
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@code jobs[2].payload.subject} as the client wrote it; {@code body} for a string at the root. */
    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push((c.getParent() != null && !c.getParent().inRoot() ? "." : "") + c.getCurrentName());
            }
        }
        return parts.isEmpty() ? "body" : String.join("", parts);
    }
}
