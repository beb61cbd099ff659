package io.streamq.producer.api;

/** Roles of the {@code groups} claim that may use this API. */
public final class Roles {

    /** A client application of one tenant. */
    public static final String PRODUCER = "producer";

    /** An operator of the platform; not bound to a tenant. */
    public static final String OWNER = "OWNER";

    private Roles() {
    }
}
