package io.streamq.dlq.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.ClaimedMessages;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamq.core.contract.QueueName;
import io.streamq.core.keys.QueueKeys;
import io.streamq.core.loop.BackgroundLoop;
import io.streamq.core.loop.FailureBackoff;
import io.streamq.core.loop.LoopTurn;
import io.streamq.core.loop.RunOnce;
import io.streamq.core.store.DlqHandOff;
import io.streamq.core.store.DlqInsertResult;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.DlqSuccess;
import io.streamq.dlq.config.DlqConfig;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Moves what workers hand off ({@code q:{Q}:dead}, one per work queue) into the DLQ store: failures become entries,
 * successes of dead-lettered jobs mark their entries. Forward first, acknowledge after: the records are stored
 * (idempotently, by job id and time), in stream order, then XACK+XDEL'd. A replica
 * that dies in between leaves them pending; it re-reads its own pending entries when it starts, and any replica
 * takes over entries idle longer than {@code reclaim-idle}, so nothing is lost and nothing is counted twice.
 * One {@link BackgroundLoop} per queue: the streams live in different hash slots, so one read cannot serve them all
 * on a cluster.
 */
@ApplicationScoped
public class DeadStreamForwarder {

    private static final Logger LOG = Logger.getLogger(DeadStreamForwarder.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final RedisDataSource redis;
    private final DlqStore store;
    private final DlqConfig config;
    private final String consumer;
    private final MeterRegistry meters;
    private final List<BackgroundLoop> loops = new CopyOnWriteArrayList<>();

    public DeadStreamForwarder(RedisDataSource redis, DlqStore store, DlqConfig config,
                               @ConfigProperty(name = "streamq.dlq.ingest.consumer") Optional<String> consumer,
                               MeterRegistry meters) {
        this.redis = redis;
        this.meters = meters;
        this.store = store;
        this.config = config;
        this.consumer = consumer.orElseGet(DeadStreamForwarder::defaultConsumer);
    }

    void start(@Observes StartupEvent event) {
        // A deleted entry's tombstone must outlive any record a dead forwarder left pending (docs/dlq.md).
        if (config.tombstones().minAge().compareTo(config.ingest().reclaimIdle().multipliedBy(3)) < 0) {
            throw new IllegalStateException("streamq.dlq.tombstones.min-age must be at least three times "
                    + "streamq.dlq.ingest.reclaim-idle");
        }
        for (QueueName queue : QueueName.workQueues()) {
            BackgroundLoop loop = new BackgroundLoop("dlq-forward-" + queue.wireName(), new Forwarding(queue),
                    FailureBackoff.DEFAULT, meters);
            loops.add(loop);
            loop.start();
        }
        LOG.infof("Forwarding dead streams of %s as consumer %s", QueueName.workQueues(), consumer);
    }

    /** The running forwarders, one per queue, for readiness. */
    public List<BackgroundLoop> loops() {
        return List.copyOf(loops);
    }

    /** Each loop ends after its turn: one cut short would leave what it read pending until reclaimed. */
    void stop(@Observes ShutdownEvent event) {
        loops.forEach(BackgroundLoop::finishTurn);
        long deadline = System.nanoTime() + config.ingest().block().plusSeconds(2).toNanos();
        loops.forEach(loop -> loop.join(deadline));
    }

    /** One queue's dead stream: its own pending entries first, then entries idle elsewhere, then new ones. */
    private final class Forwarding implements RunOnce {
        private final String stream;
        private final StreamCommands<String, String, String> streams = redis.stream(String.class);
        private final ReadSize size = new ReadSize(config.ingest().batch());
        private boolean ownPendingFirst = true;
        private boolean groupReady;
        private long lastReclaim;

        Forwarding(QueueName queue) {
            this.stream = QueueKeys.of(queue).deadStream();
        }

        @Override
        public LoopTurn runOnce() {
            try {
                if (!groupReady) {
                    ensureGroup(stream);
                    groupReady = true;
                }
                if (ownPendingFirst) {
                    // After a restart (or a failed forward): entries this consumer read but never acknowledged.
                    List<StreamMessage<String, String, String>> mine = read(streams, stream, "0", size);
                    forward(streams, stream, mine);
                    ownPendingFirst = !mine.isEmpty();
                    return LoopTurn.again(mine.size());
                }
                int forwarded = 0;
                long now = System.currentTimeMillis();
                if (now - lastReclaim >= config.ingest().reclaimIdle().toMillis() / 2) {
                    lastReclaim = now;
                    ClaimedMessages<String, String, String> claimed = streams.xautoclaim(stream,
                            QueueKeys.DLQ_CONSUMER_GROUP, consumer, config.ingest().reclaimIdle(), "0", size.count());
                    size.after(claimed.getMessages());
                    forward(streams, stream, claimed.getMessages());
                    forwarded += claimed.getMessages().size();
                }
                List<StreamMessage<String, String, String>> read = read(streams, stream, ">", size);
                forward(streams, stream, read);
                return LoopTurn.again(forwarded + read.size());
            } catch (RuntimeException e) {
                // Start over, since what was read may not be stored; re-create the group only when it is really
                // gone (an emptied Redis): a blind XGROUP CREATE after every timeout answers BUSYGROUP, an error
                // reply that operators watching INFO errorstats would chase.
                ownPendingFirst = true;
                groupReady = groupReady && !String.valueOf(e.getMessage()).contains("NOGROUP");
                throw e;
            }
        }
    }

    private List<StreamMessage<String, String, String>> read(StreamCommands<String, String, String> streams,
                                                             String stream, String from, ReadSize size) {
        XReadGroupArgs args = new XReadGroupArgs().count(size.count());
        if (">".equals(from)) {
            args.block(config.ingest().block());
        }
        List<StreamMessage<String, String, String>> out = streams.xreadgroup(QueueKeys.DLQ_CONSUMER_GROUP, consumer,
                stream, from, args);
        List<StreamMessage<String, String, String>> read = out == null ? List.of() : out;
        size.after(read);
        return read;
    }

    private void forward(StreamCommands<String, String, String> streams, String stream,
                         List<StreamMessage<String, String, String>> entries) {
        if (entries == null || entries.isEmpty()) {
            return;
        }
        List<DlqHandOff> records = new ArrayList<>(entries.size());
        List<String> ids = new ArrayList<>(entries.size());
        for (StreamMessage<String, String, String> entry : entries) {
            ids.add(entry.id());
            if (entry.payload() == null) {
                continue; // deleted while pending: XAUTOCLAIM/XREADGROUP 0 show it with no fields
            }
            Optional<DlqHandOff> record = DeadRecords.parse(entry.payload());
            if (record.isPresent()) {
                records.add(record.get());
            } else {
                LOG.warnf("Dropping malformed dead-stream entry %s of %s: %s", entry.id(), stream,
                        entry.payload().keySet());
            }
        }
        List<String> statuses = store(records);
        streams.xack(stream, QueueKeys.DLQ_CONSUMER_GROUP, ids.toArray(String[]::new));
        streams.xdel(stream, ids.toArray(String[]::new));
        LOG.debugf("Forwarded %d dead entries of %s: %s", ids.size(), stream, statuses);
    }

    /**
     * Stores the records in stream order: each run of failures is one insert, each run of successes one mark, so a
     * failure and a later success of the same job are applied in the order they happened.
     */
    private List<String> store(List<DlqHandOff> records) {
        List<String> statuses = new ArrayList<>(records.size());
        int from = 0;
        while (from < records.size()) {
            boolean failures = records.get(from) instanceof DlqRecord;
            int to = from;
            while (to < records.size() && (records.get(to) instanceof DlqRecord) == failures) {
                to++;
            }
            List<DlqHandOff> run = records.subList(from, to);
            if (failures) {
                DlqInsertResult result = store.insert(run.stream().map(DlqRecord.class::cast).toList(),
                        config.retention().maxEntries(), config.hourBucketTtl()).await().atMost(WAIT);
                statuses.addAll(result.statuses());
                if (result.dropped() > 0) {
                    LOG.infof("DLQ retention dropped %d oldest entries (count bound %d)", result.dropped(),
                            config.retention().maxEntries());
                }
            } else {
                statuses.addAll(store.markSucceeded(run.stream().map(DlqSuccess.class::cast).toList())
                        .await().atMost(WAIT));
            }
            from = to;
        }
        return statuses;
    }

    /** Asks before creating, so a restart does not answer BUSYGROUP; a peer creating it meanwhile still may. */
    private void ensureGroup(String stream) {
        if (redis.key(String.class).exists(stream) && groupExists(stream)) {
            return;
        }
        try {
            redis.stream(String.class).xgroupCreate(stream, QueueKeys.DLQ_CONSUMER_GROUP, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private boolean groupExists(String stream) {
        for (Response group : redis.execute(Command.XINFO, "GROUPS", stream)) {
            if (QueueKeys.DLQ_CONSUMER_GROUP.equals(group.get("name").toString())) {
                return true;
            }
        }
        return false;
    }

    private static String defaultConsumer() {
        String host = System.getenv().getOrDefault("HOSTNAME", "dlq");
        return host + "-" + ProcessHandle.current().pid();
    }
}
