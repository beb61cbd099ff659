package io.streamq.producer;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Test-only endpoint (compiled with the tests, never shipped) that fails the way a bug would. */
@Path("/test-only/fail")
@PermitAll
public class FailingTestResource {

    @GET
    public String fail() {
        throw new IllegalStateException("internal detail: connection string redis://secret@host");
    }
}
