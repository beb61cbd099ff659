package io.streamq.monitor.platform;

import io.streamq.monitor.workers.WorkerProcess;

import java.util.List;

/**
 * The live worker processes, each once however many queues it serves: how many, how many jobs they run now
 * ({@code busy}) and how many they could run at once ({@code slots}).
 */
public record WorkerCounts(int processes, long busy, long slots) {

    static WorkerCounts of(List<WorkerProcess> all) {
        int processes = 0;
        long busy = 0, slots = 0;
        for (WorkerProcess p : all) {
            if (p.alive()) {
                processes++;
                busy += p.active();
                slots += p.concurrency();
            }
        }
        return new WorkerCounts(processes, busy, slots);
    }
}
