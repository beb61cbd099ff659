package io.streamq.producer.domain;

import io.streamq.core.contract.payload.CallsOut;
import io.streamq.core.contract.payload.FieldError;
import io.streamq.core.contract.payload.JobPayload;
import io.streamq.core.net.OutboundPolicy;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker's outbound policy, applied at enqueue to URLs whose host is written as an address: a job that would
 * only fail with {@code destination-refused} is refused now (400 naming the field). Host names are left to the
 * worker, which resolves them at call time (resolving here would block the request and could answer differently
 * then). The allowlist is the worker's ({@code WORKER_OUTBOUND_ALLOW}), so both sides apply the same rule.
 */
@ApplicationScoped
public class Destinations {

    static final String REFUSED = "must not be a private, loopback, link-local or other non-public address "
            + "(outside the outbound allowlist)";

    private final OutboundPolicy policy;

    public Destinations(OutboundConfig config) {
        this.policy = OutboundPolicy.of(config.allow());
    }

    /** One error per refused destination, named {@code <path>.payload.<field>}. */
    List<FieldError> refused(JobPayload payload, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (payload instanceof CallsOut calls) {
            calls.destinations().forEach((field, url) -> OutboundPolicy.literalHost(URI.create(url))
                    .filter(address -> !policy.permitted(address))
                    .ifPresent(address -> errors.add(new FieldError(
                            JobRequestReader.at(path, "payload." + field), REFUSED))));
        }
        return errors;
    }
}
