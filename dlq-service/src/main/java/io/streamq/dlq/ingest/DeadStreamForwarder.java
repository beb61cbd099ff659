package io.streamq.dlq.ingest;

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
import io.streamq.core.store.DlqInsertResult;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.dlq.config.DlqConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Moves what workers hand off ({@code q:{Q}:dead}, one per work queue) into the DLQ store. Forward first,
 * acknowledge after: the records are stored (idempotently, by job id and lastFailedAt), then XACK+XDEL'd. A replica
 * that dies in between leaves them pending; it re-reads its own pending entries when it starts, and any replica
 * takes over entries idle longer than {@code reclaim-idle}, so nothing is lost and nothing is counted twice.
 * One virtual thread per queue: the streams live in different hash slots, so one read cannot serve them all on a
 * cluster.
 */
@ApplicationScoped
public class DeadStreamForwarder {

    private static final Logger LOG = Logger.getLogger(DeadStreamForwarder.class);

    private final RedisDataSource redis;
    private final DlqStore store;
    private final DlqConfig config;
    private final String consumer;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public DeadStreamForwarder(RedisDataSource redis, DlqStore store, DlqConfig config,
                               @ConfigProperty(name = "streamq.dlq.ingest.consumer") Optional<String> consumer) {
        this.redis = redis;
        this.store = store;
        this.config = config;
        this.consumer = consumer.orElseGet(DeadStreamForwarder::defaultConsumer);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        for (QueueName queue : QueueName.workQueues()) {
            threads.add(Thread.ofVirtual().name("dlq-forward-" + queue.wireName()).start(() -> loop(queue)));
        }
        LOG.infof("Forwarding dead streams of %s as consumer %s", QueueName.workQueues(), consumer);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(config.ingest().block().toMillis() + 2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void loop(QueueName queue) {
        String stream = QueueKeys.of(queue).deadStream();
        StreamCommands<String, String, String> streams = redis.stream(String.class);
        boolean ownPendingFirst = true;
        boolean groupReady = false;
        long lastReclaim = 0;
        while (running) {
            try {
                if (!groupReady) {
                    ensureGroup(streams, stream);
                    groupReady = true;
                }
                if (ownPendingFirst) {
                    // After a restart (or a failed forward): entries this consumer read but never acknowledged.
                    List<StreamMessage<String, String, String>> mine = read(streams, stream, "0");
                    forward(streams, stream, mine);
                    ownPendingFirst = !mine.isEmpty();
                    continue;
                }
                long now = System.currentTimeMillis();
                if (now - lastReclaim >= config.ingest().reclaimIdle().toMillis() / 2) {
                    lastReclaim = now;
                    ClaimedMessages<String, String, String> claimed = streams.xautoclaim(stream,
                            QueueKeys.DLQ_CONSUMER_GROUP, consumer, config.ingest().reclaimIdle(), "0",
                            config.ingest().batch());
                    forward(streams, stream, claimed.getMessages());
                }
                forward(streams, stream, read(streams, stream, ">"));
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf(e, "Forwarding the dead stream of %s failed; retrying in 1 s", queue);
                ownPendingFirst = true;
                groupReady = false;
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private List<StreamMessage<String, String, String>> read(StreamCommands<String, String, String> streams,
                                                             String stream, String from) {
        XReadGroupArgs args = new XReadGroupArgs().count(config.ingest().batch());
        if (">".equals(from)) {
            args.block(config.ingest().block());
        }
        List<StreamMessage<String, String, String>> out = streams.xreadgroup(QueueKeys.DLQ_CONSUMER_GROUP, consumer,
                stream, from, args);
        return out == null ? List.of() : out;
    }

    private void forward(StreamCommands<String, String, String> streams, String stream,
                         List<StreamMessage<String, String, String>> entries) {
        if (entries == null || entries.isEmpty()) {
            return;
        }
        List<DlqRecord> records = new ArrayList<>(entries.size());
        List<String> ids = new ArrayList<>(entries.size());
        for (StreamMessage<String, String, String> entry : entries) {
            ids.add(entry.id());
            if (entry.payload() == null) {
                continue; // deleted while pending: XAUTOCLAIM/XREADGROUP 0 show it with no fields
            }
            Optional<DlqRecord> record = DeadRecords.parse(entry.payload());
            if (record.isPresent()) {
                records.add(record.get());
            } else {
                LOG.warnf("Dropping malformed dead-stream entry %s of %s: %s", entry.id(), stream,
                        entry.payload().keySet());
            }
        }
        DlqInsertResult result = store.insert(records, config.retention().maxEntries(), config.hourBucketTtl())
                .await().atMost(Duration.ofSeconds(30));
        streams.xack(stream, QueueKeys.DLQ_CONSUMER_GROUP, ids.toArray(String[]::new));
        streams.xdel(stream, ids.toArray(String[]::new));
        if (result.dropped() > 0) {
            LOG.infof("DLQ retention dropped %d oldest entries (count bound %d)", result.dropped(),
                    config.retention().maxEntries());
        }
        LOG.debugf("Forwarded %d dead entries of %s: %s", ids.size(), stream, result.statuses());
    }

    private static void ensureGroup(StreamCommands<String, String, String> streams, String stream) {
        try {
            streams.xgroupCreate(stream, QueueKeys.DLQ_CONSUMER_GROUP, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String defaultConsumer() {
        String host = System.getenv().getOrDefault("HOSTNAME", "dlq");
        return host + "-" + ProcessHandle.current().pid();
    }
}
