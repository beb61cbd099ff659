package io.streamq.core.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a job type on its payload record: the record is the type's contract, and {@link JobType} finds it by
 * the type's wire name alone. The record lives in {@code io.streamq.core.contract.payload} and is named after the
 * wire name ({@code ai.generate-text} is {@code AiGenerateText}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JobContract {

    /** The wire name clients send, {@code <area>.<action>}. */
    String name();

    /** The queue whose workers run it; {@link QueueName#DLQ} marks the platform's internal types. */
    QueueName queue();
}
