package io.streamq.bench;

import io.streamq.core.contract.QueueName;

import java.time.Instant;
import java.util.List;

/**
 * Six queues busy at once: one worker process on the system queue alone (the processing phase's own run, {@link
 * ProcessingPhase#measure}, at --concurrency), then one on all six work queues with the jobs spread evenly over them
 * ({@link SixQueueJobs}), their handlers calling the peers started here ({@link QueuePeers}). Both runs measure
 * --queues6-jobs jobs after --queues6-warmup and hold about as many jobs at once (a sixth of --concurrency on each of
 * the six queues: 256 on one queue each would overrun the worker's Redis connection pool), so their figures compare;
 * the six-queue jobs do more work each (an HTTP call, a mail, an analytics count), and the peers' CPU is the bench's.
 */
record QueuesBusyPhase(BenchRun bench, LoadRunner loads, Services services, Target target) implements Phase {

    /** Completed jobs each queue keeps, as the processing phase's workers do. */
    private static final int KEEP_COMPLETED = 1000;

    @Override
    public void run() throws Exception {
        int warmup = bench.options().integer("queues6-warmup");
        int measured = bench.options().integer("queues6-jobs");
        DrainRun.Measured one = new ProcessingPhase(bench, loads, services, target, 1, false, 0)
                .measure("queues6, system queue alone", warmup, measured);
        try (QueuePeers peers = QueuePeers.start()) {
            DrainRun.Jobs jobs = new DrainRun.Jobs(SixQueueJobs.queueKeys(), new SixQueueJobs(Instant.now())::job);
            int perQueue = Math.ceilDiv(bench.options().integer("concurrency"), SixQueueJobs.QUEUES.size());
            DrainRun.Measured six = new DrainRun(bench, loads, services, target).run("queues6, six queues", jobs,
                    false, warmup, measured, 0, new DrainRun.Setup(1, perQueue, conn -> List.of(
                            services.startAllQueuesWorker(conn, perQueue, KEEP_COMPLETED, peers.workerEnv()))));
            long emailJobs = SixQueueJobs.count(QueueName.EMAIL, (int) six.drain().enqueued());
            int mails = peers.mailsReceived();
            if (mails != emailJobs) {
                bench.note(String.format("queues6: %,d email jobs were enqueued but the SMTP peer received %,d mails",
                        emailJobs, mails));
            }
            bench.results().queuesBusy = new Results.QueuesBusy(one.drain(), six.drain(), six.completedByQueue(),
                    emailJobs, mails, one.benchCpuMsPerThousand(), six.benchCpuMsPerThousand());
        }
    }
}
