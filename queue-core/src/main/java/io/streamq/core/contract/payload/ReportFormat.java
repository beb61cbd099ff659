package io.streamq.core.contract.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Output format of a generated report; lowercase on the wire. */
public enum ReportFormat {
    @JsonProperty("csv") CSV,
    @JsonProperty("json") JSON
}
