package io.streamq.core.contract.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How much activity a digest email covers; lowercase on the wire. */
public enum DigestPeriod {
    @JsonProperty("daily") DAILY,
    @JsonProperty("weekly") WEEKLY
}
