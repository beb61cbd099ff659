package io.streamq.worker;

import io.streamq.core.contract.JobType;
import io.streamq.core.contract.payload.TestEcho;
import io.streamq.worker.handler.JobContext;
import io.streamq.worker.handler.JobHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** The handler of {@code test.echo}, the type only tests declare: a bean like every handler, so the engine finds it. */
@ApplicationScoped
public class TestEchoHandler implements JobHandler {

    public record Result(String echo, int attempt) {
    }

    @Override
    public JobType type() {
        return JobType.of(TestEcho.class);
    }

    @Override
    public Object handle(JobContext context) {
        return new Result(context.payload(TestEcho.class).text(), context.job().attempt());
    }
}
