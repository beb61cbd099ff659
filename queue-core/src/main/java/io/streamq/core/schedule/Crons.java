package io.streamq.core.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * Cron expressions in the classic UNIX dialect: five fields (minute hour day-of-month month day-of-week), the
 * crontab syntax owners know, with minute resolution. Sub-minute schedules use {@code everyMs}; a seconds field
 * (Quartz, Spring) would make the same text mean different things in different tools. Parsed by cron-utils.
 */
final class Crons {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private Crons() {
    }

    /** @throws IllegalArgumentException with cron-utils' reason when the text is not a UNIX cron expression */
    static ExecutionTime parse(String expression) {
        return ExecutionTime.forCron(PARSER.parse(expression));
    }
}
