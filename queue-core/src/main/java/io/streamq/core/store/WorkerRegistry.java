package io.streamq.core.store;

import io.smallrye.mutiny.Uni;
import io.streamq.core.contract.Channels;
import io.streamq.core.keys.WorkerKeys;
import io.streamq.core.script.Commands;
import io.streamq.core.script.ScriptCall;
import io.streamq.core.script.ScriptRunner;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Worker heartbeats: who is alive, and what each is doing. */
@ApplicationScoped
public class WorkerRegistry {

    private final ScriptRunner scripts;

    public WorkerRegistry(ScriptRunner scripts) {
        this.scripts = scripts;
    }

    /** Publishes one heartbeat (JSON of a WorkerHeartbeat) that expires after {@code ttl}. */
    public Uni<Void> beat(String workerId, String heartbeatJson, Duration ttl) {
        return scripts.run(ScriptCall.of(Commands.HEARTBEAT).key("worker index", WorkerKeys.index())
                        .key("this worker's heartbeat key", WorkerKeys.heartbeatPrefix() + workerId)
                        .arg("workerId", workerId).arg("ttl ms", ttl.toMillis()).arg("heartbeat JSON", heartbeatJson)
                        .arg("channel", Channels.WORKERS))
                .replaceWithVoid();
    }
}
