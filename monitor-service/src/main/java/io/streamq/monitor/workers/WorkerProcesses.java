package io.streamq.monitor.workers;

import java.util.List;

/**
 * Every worker process the registry remembers ({@code GET /owner/queues/workers}): {@code alive} counts processes,
 * not queue × process, so one process serving six queues is one.
 */
public record WorkerProcesses(int alive, int gone, List<WorkerProcess> workers) {

    public static WorkerProcesses of(List<WorkerProcess> all) {
        int alive = (int) all.stream().filter(WorkerProcess::alive).count();
        return new WorkerProcesses(alive, all.size() - alive, all);
    }
}
