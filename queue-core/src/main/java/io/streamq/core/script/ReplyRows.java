package io.streamq.core.script;

import io.vertx.mutiny.redis.client.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads the rows a script answers (flat, one value per field of its docblock's ROW: line) by field name. */
public final class ReplyRows {

    private final LuaScript script;

    private ReplyRows(LuaScript script) {
        if (script.contract().row().isEmpty()) {
            throw new IllegalArgumentException(script.name() + " answers no rows (its docblock has no ROW: line)");
        }
        this.script = script;
    }

    public static ReplyRows of(LuaScript script) {
        return new ReplyRows(script);
    }

    /** The rows of {@code reply} from index {@code from} on, each made by {@code read}. */
    public <T> List<T> read(Response reply, int from, Function<Row, T> read) {
        int width = script.contract().row().size();
        List<T> out = new ArrayList<>(Math.max(0, (reply.size() - from) / width));
        for (int at = from; at + width <= reply.size(); at += width) {
            out.add(read.apply(new Row(reply, at)));
        }
        return out;
    }

    /** One row; a field read as nil by the script arrives as null. */
    public final class Row {
        private final Response reply;
        private final int at;

        private Row(Response reply, int at) {
            this.reply = reply;
            this.at = at;
        }

        public Response get(String field) {
            int index = script.contract().row().indexOf(field);
            if (index < 0) {
                throw new IllegalArgumentException(script.name() + "'s rows have no field '" + field + "'");
            }
            return reply.get(at + index);
        }
    }
}
