package io.streamq.producer.domain;

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
}
