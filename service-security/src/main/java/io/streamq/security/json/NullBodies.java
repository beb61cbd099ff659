package io.streamq.security.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.security.error.FieldProblem;
import io.streamq.security.error.InvalidRequestException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A body that is sent but reads as nothing ({@code null}, or only whitespace) is refused: where a body is optional
 * its absence has a meaning (a clear without filters selects everything), and a client that sent {@code null} did
 * not ask for that. Only a body of no bytes at all counts as absent.
 */
@Provider
public class NullBodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext ctx) throws IOException {
        Counting in = new Counting(ctx.getInputStream());
        ctx.setInputStream(in);
        Object value = ctx.proceed();
        boolean nothing = value == null || value instanceof JsonNode node && (node.isNull() || node.isMissingNode());
        if (nothing && in.read > 0) {
            throw new InvalidRequestException("The request body must be a JSON object.",
                    List.of(new FieldProblem("body", "must be a JSON object")));
        }
        return value;
    }

    private static final class Counting extends FilterInputStream {
        long read;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }
    }
}
