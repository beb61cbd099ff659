package io.streamq.gateway.console;

import io.streamq.core.contract.QueueName;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /owner/config.json}: the API base URLs of the console and the queue names its pages offer (from
 * {@link QueueName}, so the console never spells them). Public on purpose: it holds only addresses the browser is
 * about to call anyway and names every API answer carries, and the console needs it before anyone has signed in.
 */
@Path("/owner/config.json")
public class ConsoleConfigResource {

    private final ConsoleConfig config;

    public ConsoleConfigResource(ConsoleConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        Map<String, String> bases = new LinkedHashMap<>();
        bases.put("monitor", base(config.apiBase().monitor()));
        bases.put("dlq", base(config.apiBase().dlq()));
        bases.put("producer", base(config.apiBase().producer()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiBase", bases);
        body.put("realtimeUrl", config.realtimeUrl().map(String::trim).orElse(""));
        body.put("queues", QueueName.workQueues().stream().map(QueueName::wireName).toList());
        body.put("deadLetterQueue", QueueName.DLQ.wireName());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(body).cacheControl(noStore).build();
    }

    /** Trailing slashes are dropped so the console can append {@code /owner/...}. */
    static String base(Optional<String> value) {
        String v = value.map(String::trim).orElse("");
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }
}
