package io.streamq.worker.handlers;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.streamq.testing.PeerServer;

/** The peers of one test JVM, on the ports {@link PeersTestResource} configured the app with. */
public final class Peers {

    private static PeerServer http;
    private static GreenMail smtp;

    private Peers() {
    }

    public static synchronized PeerServer http() {
        if (http == null) {
            http = new PeerServer("127.0.0.1", Integer.getInteger(PeersTestResource.HTTP_PORT));
        }
        return http;
    }

    public static synchronized GreenMail smtp() {
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(Integer.getInteger(PeersTestResource.SMTP_PORT), "127.0.0.1",
                    ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
        return smtp;
    }

    static synchronized void stop() {
        if (http != null) {
            http.close();
            http = null;
        }
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }
}
