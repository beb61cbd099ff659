package io.streamq.core.contract.payload;

/** Marker for the payload record of one job type; see {@link io.streamq.core.contract.JobType}. */
public interface JobPayload {
}
