package io.streamq.security.bulk;

/**
 * The outcome for one id of a bulk action: {@code reason} says why it failed ({@code not-found}, {@code state:active},
 * {@code invalid-id}, …), and for some actions what was done.
 */
public record BulkItem(String id, boolean success, String reason) {
}
