package io.streamq.core.contract.payload;

/** One rejected field of a request: a dotted path such as {@code payload.recipients[3]} and why. */
public record FieldError(String field, String message) {
}
