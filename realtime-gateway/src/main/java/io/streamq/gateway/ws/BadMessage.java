package io.streamq.gateway.ws;

/** A client message the gateway cannot act on; answered with an {@code error} frame, never a disconnect. */
final class BadMessage extends Exception {

    private final String code;

    BadMessage(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
