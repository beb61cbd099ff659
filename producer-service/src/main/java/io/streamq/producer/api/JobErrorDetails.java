package io.streamq.producer.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A job's last error as clients see it: the stack trace stays inside the platform. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobErrorDetails(String code, String name, String message) {
}
