package io.streamq.monitor.workers;

import java.util.List;

/**
 * Every worker process the registry remembers ({@code GET /owner/queues/workers}): {@code alive} counts processes,
 * not queue × process, so one process serving six queues is one. {@code asOf}: when the registry was read (this
 * service's clock, epoch ms).
 */
public record WorkerProcesses(long asOf, int alive, int gone, List<WorkerProcess> workers) {

    public static WorkerProcesses of(List<WorkerProcess> all) {
        int alive = (int) all.stream().filter(WorkerProcess::alive).count();
        return new WorkerProcesses(System.currentTimeMillis(), alive, all.size() - alive, all);
    }
}
