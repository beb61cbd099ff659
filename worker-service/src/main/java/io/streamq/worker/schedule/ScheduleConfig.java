package io.streamq.worker.schedule;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Firing schedules and the default ones (docs/schedules.md). */
@ConfigMapping(prefix = "streamq.schedules")
public interface ScheduleConfig {

    /** Whether this replica fires schedules and installs the defaults. Off in tests that drive schedules by hand. */
    @WithDefault("true")
    boolean enabled();

    /**
     * A due time found later than this was missed (no replica fired it in time): the schedule's missedRuns policy
     * applies. Below it, a late due time is simply fired, and the schedule catches up without gaps.
     */
    @WithDefault("PT5S")
    @DurationMin(millis = 1)
    Duration missedAfter();

    /** Longest sleep of the firing loop: a schedule created or resumed meanwhile is fired at most this late. */
    @WithDefault("PT1S")
    @DurationMin(millis = 1)
    Duration maxWait();

    /** Most due schedules fired per queue in one turn; more are fired in the turns that follow at once. */
    @WithDefault("100")
    @Min(1)
    @Max(1000)
    int maxPerTurn();

    /** Default schedules by id, installed at start when absent, removed when switched off (only as installed). */
    Map<String, DefaultSchedule> defaults();

    interface DefaultSchedule {
        /** false: not installed, and removed if the configuration installed it before. */
        boolean enabled();

        String jobName();

        /** The payload as JSON. */
        @WithDefault("{}")
        String payload();

        Optional<String> cron();

        Optional<String> timezone();

        Optional<Long> everyMs();

        @WithDefault("run-once")
        @Pattern(regexp = "skip|run-once")
        String missedRuns();
    }
}
