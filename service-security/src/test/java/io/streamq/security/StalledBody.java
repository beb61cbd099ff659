package io.streamq.security;

import io.streamq.testing.LogCapture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** A client that announces a 100-byte body, sends 10 bytes and falls silent; and the log lines meanwhile. */
final class StalledBody {

    /** Far beyond the timeouts the tests configure: reaching it means the server kept the connection. */
    private static final int CLIENT_GIVES_UP_MS = 60_000;

    private final LogCapture log = LogCapture.start();

    /** Everything the server sent until it closed the connection. */
    String send(URL url) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(CLIENT_GIVES_UP_MS);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /test/validate HTTP/1.1\r\nHost: " + url.getHost() + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"custome")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readUntilClosed(socket.getInputStream());
        }
    }

    /** Closed without an answer, or with an error status: never a request served from 10 of 100 bytes. */
    static void assertNotServed(String answer) {
        assertThat(answer).satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 4"));
    }

    /** Log records of at least this level; waits (bounded) until the server has dealt with the request. */
    List<LogRecord> logged(Level atLeast) throws InterruptedException {
        for (int i = 0; i < 300 && log.records().stream().noneMatch(StalledBody::abandoned); i++) {
            Thread.sleep(100);
        }
        log.close();
        return log.atLeast(atLeast);
    }

    private static boolean abandoned(LogRecord r) {
        return r.getLoggerName().endsWith("AbandonedRequests") || r.getLevel().intValue() >= Level.SEVERE.intValue();
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                read.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            fail("the server kept a connection whose body stopped halfway open for " + CLIENT_GIVES_UP_MS + " ms");
        } catch (IOException reset) {
            // A reset is a close too.
        }
        return read.toString(StandardCharsets.US_ASCII);
    }
}
