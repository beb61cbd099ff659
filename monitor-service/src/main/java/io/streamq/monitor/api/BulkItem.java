package io.streamq.monitor.api;

/** One id of a bulk action: {@code reason} says why not ({@code not-found}, {@code state:active}, …). */
public record BulkItem(String id, boolean success, String reason) {
}
