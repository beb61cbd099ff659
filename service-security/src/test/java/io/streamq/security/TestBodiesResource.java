package io.streamq.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamq.security.bulk.IdsRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-only endpoints with each kind of body and numeric query parameter the services take. */
@Path("/test/bodies")
public class TestBodiesResource {

    /** Requests that reached a method: a refused body must leave it unchanged. */
    public static final AtomicInteger ACCEPTED = new AtomicInteger();

    /** Optional filters, as of a DLQ clear: no body at all selects everything. */
    public record Filter(String originalQueue, Integer minReplayCount) {
    }

    @POST
    @Path("/filter")
    public Map<String, Object> filter(@Valid Filter filter) {
        ACCEPTED.incrementAndGet();
        return Map.of("everything", filter == null, "queue", filter == null || filter.originalQueue() == null ? ""
                : filter.originalQueue());
    }

    @POST
    @Path("/tree")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> tree(JsonNode body) {
        ACCEPTED.incrementAndGet();
        return Map.of("fields", body == null ? 0 : body.size());
    }

    @POST
    @Path("/ids")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> ids(@Valid @NotNull IdsRequest body) {
        ACCEPTED.incrementAndGet();
        return Map.of("ids", body.ids());
    }

    @GET
    @Path("/page")
    public Map<String, Object> page(@QueryParam("page") @DefaultValue("1") @Min(1) @Max(1000) int page,
                                    @QueryParam("limit") Integer limit, @QueryParam("after") Long after) {
        return Map.of("page", page, "limit", limit == null ? -1 : limit, "after", after == null ? -1 : after);
    }
}
