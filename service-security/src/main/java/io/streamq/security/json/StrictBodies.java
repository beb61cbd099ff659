package io.streamq.security.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** Hands the REST layer's Jackson reader (and writer) the strict mapper, for every JSON body of every resource. */
@Provider
public class StrictBodies implements ContextResolver<ObjectMapper> {

    private final StrictJson strict;

    public StrictBodies(StrictJson strict) {
        this.strict = strict;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return strict.mapper();
    }
}
