package io.streamq.worker.schedule;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamq.core.loop.BackgroundLoop;
import io.streamq.core.loop.FailureBackoff;
import io.streamq.core.loop.LoopTurn;
import io.streamq.core.schedule.ScheduleStore;
import io.streamq.worker.engine.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * The firing loop of this replica ({@code schedules}, a {@link BackgroundLoop}). Its first turn installs the default
 * schedules, checked at start (a bad one stops the worker): a worker that starts while Redis is away starts all the
 * same, and the loop installs them, then fires, once Redis is back. Readiness check {@code schedule-loop} is down
 * once it died of an {@code Error}: schedules would stop firing here with nothing else to show it.
 */
@Readiness
@ApplicationScoped
public class ScheduleLoop implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(ScheduleLoop.class);

    private final ScheduleConfig config;
    private final WorkerConfig worker;
    private final DefaultSchedules defaults;
    private final ScheduleFiring firing;
    private final BackgroundLoop loop;
    // The loop thread's alone.
    private boolean installed;

    public ScheduleLoop(ScheduleStore store, ScheduleConfig config, WorkerConfig worker, DefaultSchedules defaults,
                        MeterRegistry meters) {
        this.config = config;
        this.worker = worker;
        this.defaults = defaults;
        this.firing = new ScheduleFiring(store, config, worker.callTimeout());
        this.loop = new BackgroundLoop("schedules", this::turn, FailureBackoff.upTo(config.maxWait()), meters);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Schedules are not fired here (streamq.schedules.enabled=false)");
            return;
        }
        defaults.check();
        loop.start();
    }

    private LoopTurn turn() {
        if (!installed) {
            defaults.install();
            installed = true;
        }
        return firing.turn();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
        loop.join(System.nanoTime() + worker.callTimeout().toNanos());
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("schedule-loop").status(loop.death().isEmpty())
                .withData("loop", loop.death().map(String::valueOf).orElse("ok")).build();
    }
}
