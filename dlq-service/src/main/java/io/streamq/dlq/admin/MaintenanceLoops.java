package io.streamq.dlq.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamq.core.loop.BackgroundLoop;
import io.streamq.core.loop.FailureBackoff;
import io.streamq.dlq.config.DlqConfig;
import io.streamq.dlq.ingest.ForwarderPruning;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * The DLQ's periodic upkeep, each a {@link BackgroundLoop} that every replica runs: retention, the reaping of clear
 * tasks whose replica died, the pruning of idle forwarders. Each waits a little after start-up, so a starting service
 * serves and forwards first. {@code quarkus.scheduler.enabled=false} leaves them off (a test that runs them by hand).
 */
@ApplicationScoped
public class MaintenanceLoops {

    private static final Logger LOG = Logger.getLogger(MaintenanceLoops.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final BackgroundLoop retention;
    private final BackgroundLoop reaper;
    private final BackgroundLoop pruning;
    private final boolean enabled;

    public MaintenanceLoops(RetentionJob retentionJob, ClearTasks tasks, ForwarderPruning forwarderPruning,
                            DlqConfig config,
                            MeterRegistry meters,
                            @ConfigProperty(name = "quarkus.scheduler.enabled", defaultValue = "true") boolean enabled) {
        this.enabled = enabled;
        this.retention = new BackgroundLoop("dlq-retention", retentionJob::turn,
                FailureBackoff.upTo(config.retention().interval()), meters);
        this.reaper = new BackgroundLoop("dlq-clear-reaper", tasks::reapTurn, FailureBackoff.upTo(ClearTasks.REAP_EVERY),
                meters);
        this.pruning = new BackgroundLoop("dlq-forwarder-pruning", forwarderPruning::turn,
                FailureBackoff.upTo(config.ingest().pruneInterval()), meters);
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("DLQ upkeep off (quarkus.scheduler.enabled=false)");
            return;
        }
        retention.start(Duration.ofSeconds(5));
        reaper.start(Duration.ofSeconds(10));
        pruning.start(Duration.ofMinutes(1));
    }

    /** For readiness. */
    public List<BackgroundLoop> loops() {
        return List.of(retention, reaper, pruning);
    }

    void stop(@Observes ShutdownEvent event) {
        List<BackgroundLoop> loops = loops();
        loops.forEach(BackgroundLoop::stop);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        loops.forEach(loop -> loop.join(deadline));
    }
}
