package io.streamq.worker.integration;

import io.streamq.core.net.Cidr;
import io.streamq.core.net.OutboundPolicy;

import io.streamq.worker.handler.JobFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Decides whether the worker may call a URL: only http(s), and only hosts whose every resolved address the shared
 * {@link OutboundPolicy} permits (public, or inside the allowlist {@code streamq.worker.outbound-allow}, from
 * {@code WORKER_OUTBOUND_ALLOW}: comma-separated CIDR ranges, empty by default). The producer applies the same
 * policy at enqueue to hosts written as an address.
 */
@ApplicationScoped
public class OutboundGuard {

    private final OutboundPolicy policy;

    @Inject
    public OutboundGuard(OutboundConfig config) {
        this.policy = OutboundPolicy.of(config.outboundAllow());
    }

    public OutboundGuard(List<Cidr> allow) {
        this.policy = new OutboundPolicy(allow);
    }

    public List<Cidr> allowlist() {
        return policy.allow();
    }

    /** Resolves the URL's host and answers the addresses, or refuses with {@code destination-refused}. */
    public List<InetAddress> check(URI uri) throws JobFailure {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw Failures.refused("Only http and https destinations are allowed, not '" + scheme + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            throw Failures.refused("Destination has no host");
        }
        if (uri.getUserInfo() != null) {
            throw Failures.refused("Destination URLs must not carry credentials");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw Failures.forException("Destination", e);
        }
        for (InetAddress address : addresses) {
            if (!permitted(address)) {
                throw Failures.refused("Destination " + host + " resolves to a non-public address ("
                        + address.getHostAddress() + ") that the outbound allowlist does not cover");
            }
        }
        return List.of(addresses);
    }

    public boolean permitted(InetAddress address) {
        return policy.permitted(address);
    }
}
