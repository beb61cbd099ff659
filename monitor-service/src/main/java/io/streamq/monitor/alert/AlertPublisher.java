package io.streamq.monitor.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.QueueName;
import io.streamq.core.store.QueueAlerts;
import io.streamq.monitor.config.MonitorConfig;
import io.streamq.monitor.health.QueueHealth;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Publishes a queue's turn to critical and its recovery, once per transition across all replicas (the state lives
 * in Redis and changes in one script), with a cooldown against flapping.
 */
@ApplicationScoped
public class AlertPublisher {

    private static final Logger LOG = Logger.getLogger(AlertPublisher.class);

    private final QueueAlerts alerts;
    private final MonitorConfig config;
    private final ObjectMapper mapper;

    public AlertPublisher(QueueAlerts alerts, MonitorConfig config, ObjectMapper mapper) {
        this.alerts = alerts;
        this.config = config;
        this.mapper = mapper;
    }

    public Uni<QueueAlerts.Result> evaluate(QueueName queue, QueueHealth health) {
        QueueAlert alert = new QueueAlert(QueueAlert.TYPE, queue.wireName(),
                health.critical() ? "critical" : "recovered", health.score(), health.status().wireName(),
                health.issues());
        String json;
        try {
            json = mapper.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return alerts.transition(queue, health.critical(), config.alertCooldown(), json).invoke(result -> {
            if (result == QueueAlerts.Result.PUBLISHED) {
                LOG.infof("Alert: queue %s %s (score %d)", queue, alert.status(), health.score());
            }
        });
    }
}
