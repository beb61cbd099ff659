package io.streamq.producer.domain;

import io.streamq.core.job.CancelFilter;

/**
 * Who is calling, from the verified token only: a request body never decides whose job it is.
 *
 * @param tenant null only for an owner whose token names no tenant
 * @param owner  an operator of the platform, not bound to one tenant
 */
public record Caller(String subject, String tenant, String workspace, boolean owner) {

    /** A producer sees only its tenant's jobs; an owner sees all. */
    public boolean maySee(String jobTenant) {
        return owner || (tenant != null && tenant.equals(jobTenant));
    }

    /** The jobs the caller may cancel, checked by the cancel script itself: the ones it may see. */
    public CancelFilter cancelFilter() {
        if (owner) {
            return CancelFilter.ANY;
        }
        // A null tenant filter would match every job; CallerResolver never builds such a producer.
        if (tenant == null) {
            throw new IllegalStateException("a producer without a tenant may cancel nothing");
        }
        return CancelFilter.tenant(tenant);
    }
}
