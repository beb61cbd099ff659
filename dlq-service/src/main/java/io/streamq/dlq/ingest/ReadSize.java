package io.streamq.dlq.ingest;

import io.quarkus.redis.datasource.stream.StreamMessage;

import java.util.List;

/**
 * How many dead-stream records one read asks for. Redis cannot bound a read by bytes and a record carries its job's
 * payload (up to 2 MB), so the count follows what the last read weighed: halved while a read carries more than
 * {@link #BYTES} of fields, doubled back towards the configured batch while it carries less than a quarter of that.
 * A read's reply, and what the forwarder holds of it, so stays near a megabyte after one heavy read.
 */
final class ReadSize {

    static final long BYTES = 1 << 20;

    private final int max;
    private int count;

    ReadSize(int max) {
        this.max = max;
        this.count = max;
    }

    int count() {
        return count;
    }

    void after(List<StreamMessage<String, String, String>> read) {
        long bytes = 0;
        for (StreamMessage<String, String, String> m : read) {
            if (m.payload() != null) {
                for (var field : m.payload().entrySet()) {
                    bytes += field.getKey().length() + (field.getValue() == null ? 0 : field.getValue().length());
                }
            }
        }
        if (bytes > BYTES) {
            count = Math.max(1, count / 2);
        } else if (bytes < BYTES / 4) {
            count = Math.min(max, count * 2);
        }
    }
}
