package io.streamq.monitor.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.store.QueueAlerts;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The alerts published for every queue, newest first. Each queue keeps its own capped history (one Redis slot per
 * queue, like its alert state); this merges their newest entries.
 */
@ApplicationScoped
public class AlertHistory {

    private static final Logger LOG = Logger.getLogger(AlertHistory.class);

    private final QueueAlerts alerts;
    private final ObjectMapper mapper;

    public AlertHistory(QueueAlerts alerts, ObjectMapper mapper) {
        this.alerts = alerts;
        this.mapper = mapper;
    }

    /** The newest {@code limit} alerts of all queues ({@code limit} ≤ {@link QueueAlerts#HISTORY_LENGTH}). */
    public Uni<List<AlertRecord>> newest(int limit) {
        return Uni.join().all(QueueName.workQueues().stream().map(q -> alerts.history(q, limit)).toList())
                .andFailFast().map(perQueue -> {
                    List<AlertRecord> all = new ArrayList<>();
                    perQueue.forEach(published -> published.forEach(json -> read(json, all)));
                    all.sort(Comparator.comparingLong(AlertRecord::at).reversed());
                    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
                });
    }

    private void read(String json, List<AlertRecord> into) {
        try {
            into.add(mapper.readValue(json, AlertRecord.class));
        } catch (IOException e) {
            LOG.debugf("Unreadable alert in the history: %s", e.getMessage());
        }
    }
}
