package io.streamq.core.job;

import io.streamq.core.contract.QueueName;

import java.util.Optional;
import java.util.regex.Pattern;

/** Job ids are {@code <queue>-<sequence>}, so an id alone says which queue (and hash slot) holds the job. */
public final class JobIds {
    private static final Pattern SHAPE = Pattern.compile("^([a-z]+)-([0-9]{1,19})$");

    private JobIds() {
    }

    public static Optional<QueueName> queueOf(String jobId) {
        if (jobId == null) {
            return Optional.empty();
        }
        var m = SHAPE.matcher(jobId);
        return m.matches() ? QueueName.fromWire(m.group(1)) : Optional.empty();
    }
}
