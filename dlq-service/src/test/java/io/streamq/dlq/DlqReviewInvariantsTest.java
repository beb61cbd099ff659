package io.streamq.dlq;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamq.core.keys.DlqKeys;
import io.streamq.core.store.DlqClearPass;
import io.streamq.core.store.DlqEntry;
import io.streamq.core.store.DlqRecord;
import io.streamq.core.store.DlqStore;
import io.streamq.core.store.DlqSuccess;
import io.streamq.core.store.DlqTask;
import io.streamq.core.store.DlqTombstoneBounds;
import io.streamq.testing.RedisTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Review check (passes: the suspicion of counter drift was not confirmed). On its own redis-server (profile), a
 * seeded random mix of every DLQ script (inserts with repeats, late and newer records and the count bound, deletes,
 * clear batches, retention, replay and success marks) is applied, and after every call every index, counter, hour
 * bucket, the average-age sum, the tombstones and the pending successes are checked against the entry hashes.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@TestProfile(DlqReviewInvariantsTest.OwnRedis.class)
class DlqReviewInvariantsTest {

    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Any override gives this class its own application, hence its own redis-server.
            return Map.of("streamq.dlq.search-scan-limit", "5001");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration TTL = Duration.ofHours(50);
    private static final String[] QUEUES = {"ai", "email", "system"};
    private static final String[] CODES = {"c-a", "c-b", "c-c", "c-d"};
    private static final String[] REASONS = {"r <n>", "r two", "r three"};

    @Inject
    DlqStore store;

    @Inject
    RedisDataSource redis;

    private final Random random = new Random(Long.getLong("dlq.review.seed", 20261201L));
    private final long t0 = System.currentTimeMillis() - 10 * 3_600_000L;
    /** Per job id: the records sent so far (re-forwards pick one of them). */
    private final Map<String, List<DlqRecord>> sent = new HashMap<>();
    private final Map<String, Integer> jobReplays = new HashMap<>();

    @Test
    void everyScriptKeepsIndexesCountersHoursAndTombstonesEqualToTheEntries() {
        for (int step = 0; step < Integer.getInteger("dlq.review.steps", 600); step++) {
            int op = random.nextInt(10);
            String what;
            if (op < 4) {
                what = insert();
            } else if (op == 4) {
                what = delete();
            } else if (op == 5) {
                what = clearTask();
            } else if (op == 6) {
                what = retention();
            } else if (op == 7 || op == 8) {
                what = markReplayed();
            } else {
                what = markSucceeded();
            }
            check(step + " " + what);
        }
    }

    private String insert() {
        int n = 1 + random.nextInt(25);
        List<DlqRecord> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = QUEUES[random.nextInt(QUEUES.length)] + "-" + (100 + random.nextInt(60));
            List<DlqRecord> previous = sent.computeIfAbsent(id, k -> new ArrayList<>());
            int kind = random.nextInt(4);
            DlqRecord r;
            if (kind == 0 && !previous.isEmpty()) {
                r = previous.get(random.nextInt(previous.size())); // a repeated or late forward
            } else {
                long last = previous.isEmpty() ? t0 + random.nextInt(3_600_000)
                        : previous.getLast().lastFailedAt() + 1 + random.nextInt(600_000);
                long first = previous.isEmpty() ? last : previous.getFirst().firstFailedAt();
                String queue = id.substring(0, id.indexOf('-'));
                r = new DlqRecord(queue, id, queue + ".job" + (id.hashCode() & 3), "E", "m " + random.nextInt(9), "",
                        CODES[random.nextInt(CODES.length)], first, last, 1 + random.nextInt(3), "{}", "", "", "",
                        jobReplays.getOrDefault(id, 0), REASONS[random.nextInt(REASONS.length)]);
                previous.add(r);
            }
            batch.add(r);
        }
        long bound = random.nextInt(3) == 0 ? 30 + random.nextInt(30) : 0;
        store.insert(batch, bound, TTL).await().atMost(WAIT);
        return "insert " + n + " bound " + bound;
    }

    private String delete() {
        List<String> ids = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
            ids.add(QUEUES[random.nextInt(QUEUES.length)] + "-" + (100 + random.nextInt(60)));
        }
        store.delete(ids, "fuzz").await().atMost(WAIT);
        return "delete " + ids;
    }

    private String clearTask() {
        String queue = random.nextBoolean() ? QUEUES[random.nextInt(QUEUES.length)] : null;
        Integer min = random.nextBoolean() ? 1 + random.nextInt(3) : null;
        String index = min != null ? (queue != null ? DlqKeys.replays(queue) : DlqKeys.replays())
                : (queue != null ? DlqKeys.byQueue(queue) : DlqKeys.all());
        // Entries fail from t0 on, over about ten hours: a cutoff inside that span leaves some of the selection.
        long cutoff = t0 + random.nextInt(10 * 3_600_000);
        DlqTask task = new DlqTask(UUID.randomUUID().toString(), DlqTask.RUNNING, index,
                min != null ? min.toString() : "-inf", min != null ? "+inf" : Long.toString(cutoff), cutoff, 0, 0,
                queue, min, "fuzz", "1-1", "127.0.0.1", "req", 0, 0, null, null);
        store.startTask(task).await().atMost(WAIT);
        long removed = 0;
        int size = 1 + random.nextInt(7);
        while (true) {
            DlqClearPass pass = store.clearBatch(task, size).await().atMost(WAIT).orElseThrow();
            removed += pass.removed();
            check("clear batch of " + index);
            if (pass.looked() < size) {
                break;
            }
        }
        store.finishTask(task.id(), DlqTask.SUCCEEDED, null, Duration.ofMinutes(5), Duration.ZERO).await()
                .atMost(WAIT);
        for (String key : keys(DlqKeys.entry(""))) {
            Map<String, String> e = redis.hash(String.class).hgetall(key);
            if ((queue == null || queue.equals(e.get("originalQueue")))
                    && (min == null || Integer.parseInt(e.get("replayCount")) >= min)) {
                assertThat(Long.parseLong(e.get("lastFailedAt"))).as("selected and left by the clear: " + key)
                        .isGreaterThan(cutoff);
            }
        }
        return "clear " + index + " up to " + cutoff + " removed " + removed;
    }

    private String retention() {
        long max = 20 + random.nextInt(40);
        Duration age = random.nextBoolean() ? Duration.ZERO : Duration.ofMillis(System.currentTimeMillis() - t0
                - random.nextInt(3_600_000));
        store.applyRetention(max, age, 1 + random.nextInt(9),
                new DlqTombstoneBounds(Duration.ofHours(24), Duration.ZERO, 10 + random.nextInt(20))).await()
                .atMost(WAIT);
        return "retention " + max + " " + age;
    }

    private String markReplayed() {
        String id = QUEUES[random.nextInt(QUEUES.length)] + "-" + (100 + random.nextInt(60));
        DlqEntry e = store.find(id).await().atMost(WAIT).orElse(null);
        int n = e == null ? 1 : Math.min(5, e.replayCount() + 1);
        jobReplays.merge(id, n, Math::max);
        store.markReplayed(id, "fuzz", n, 5).await().atMost(WAIT);
        return "mark-replayed " + id + " " + n;
    }

    private String markSucceeded() {
        List<DlqSuccess> successes = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
            String id = QUEUES[random.nextInt(QUEUES.length)] + "-" + (100 + random.nextInt(60));
            List<DlqRecord> previous = sent.getOrDefault(id, List.of());
            long at = previous.isEmpty() ? t0 : previous.getLast().lastFailedAt() + random.nextInt(1_000) - 200;
            successes.add(new DlqSuccess(id.substring(0, id.indexOf('-')), id, "x", Math.max(1, at), 1));
        }
        store.markSucceeded(successes).await().atMost(WAIT);
        return "mark-succeeded " + successes.size();
    }

    private void check(String after) {
        Map<String, Map<String, String>> entries = new HashMap<>();
        for (String key : keys(DlqKeys.entry(""))) {
            entries.put(key.substring(DlqKeys.entry("").length()), redis.hash(String.class).hgetall(key));
        }
        Map<String, Map<String, Double>> indexes = new TreeMap<>();
        Map<String, Map<String, Double>> counts = new TreeMap<>();
        Map<String, Map<String, Long>> hours = new TreeMap<>();
        long sumSec = 0;
        for (Map.Entry<String, Map<String, String>> x : entries.entrySet()) {
            String id = x.getKey();
            Map<String, String> e = x.getValue();
            double last = Double.parseDouble(e.get("lastFailedAt"));
            double replays = Double.parseDouble(e.get("replayCount"));
            String q = e.get("originalQueue");
            for (String suffix : List.of("idx:all", "idx:queue:" + q, "idx:name:" + e.get("originalJobName"),
                    "idx:code:" + e.get("errorCode"))) {
                indexes.computeIfAbsent(DlqKeys.ROOT + suffix, k -> new TreeMap<>()).put(id, last);
            }
            indexes.computeIfAbsent(DlqKeys.replays(), k -> new TreeMap<>()).put(id, replays);
            indexes.computeIfAbsent(DlqKeys.replays(q), k -> new TreeMap<>()).put(id, replays);
            counts.computeIfAbsent(DlqKeys.countByQueue(), k -> new TreeMap<>()).merge(q, 1.0, Double::sum);
            counts.computeIfAbsent(DlqKeys.countByJobName(), k -> new TreeMap<>())
                    .merge(e.get("originalJobName"), 1.0, Double::sum);
            counts.computeIfAbsent(DlqKeys.countByErrorCode(), k -> new TreeMap<>())
                    .merge(e.get("errorCode"), 1.0, Double::sum);
            counts.computeIfAbsent(DlqKeys.countByReason(), k -> new TreeMap<>())
                    .merge(e.get("fingerprint"), 1.0, Double::sum);
            long hour = Long.parseLong(e.get("lastFailedAt")) / 3_600_000L;
            Map<String, Long> bucket = hours.computeIfAbsent(DlqKeys.hour(hour), k -> new TreeMap<>());
            bucket.merge("total", 1L, Long::sum);
            bucket.merge("q:" + q, 1L, Long::sum);
            sumSec += Long.parseLong(e.get("firstFailedAt")) / 1000;
        }
        Map<String, Map<String, Double>> storedIndexes = new TreeMap<>();
        for (String prefix : List.of("idx:all", "idx:queue:", "idx:name:", "idx:code:", "idx:replays")) {
            for (String key : keys(DlqKeys.ROOT + prefix)) {
                storedIndexes.put(key, zset(key));
            }
        }
        assertThat(storedIndexes).as("indexes after " + after).isEqualTo(indexes);
        Map<String, Map<String, Double>> storedCounts = new TreeMap<>();
        for (String key : List.of(DlqKeys.countByQueue(), DlqKeys.countByJobName(), DlqKeys.countByErrorCode(),
                DlqKeys.countByReason())) {
            Map<String, Double> z = zset(key);
            if (!z.isEmpty()) {
                storedCounts.put(key, z);
            }
        }
        assertThat(storedCounts).as("counters after " + after).isEqualTo(counts);
        assertThat(new TreeMap<>(redis.hash(String.class).hgetall(DlqKeys.reasonExamples())).keySet())
                .as("reason examples after " + after)
                .isEqualTo(counts.getOrDefault(DlqKeys.countByReason(), Map.of()).keySet());
        Map<String, Map<String, Long>> storedHours = new TreeMap<>();
        for (String key : keys(DlqKeys.ROOT + "hour:")) {
            Map<String, Long> fields = new TreeMap<>();
            redis.hash(String.class).hgetall(key).forEach((f, v) -> {
                if (Long.parseLong(v) != 0) {
                    fields.put(f, Long.parseLong(v));
                }
            });
            if (!fields.isEmpty()) {
                storedHours.put(key, fields);
            }
        }
        assertThat(storedHours).as("hour buckets after " + after).isEqualTo(hours);
        String sum = redis.hash(String.class).hget(DlqKeys.stats(), "sumFirstFailedSec");
        assertThat(sum == null ? 0 : Long.parseLong(sum)).as("sumFirstFailedSec after " + after).isEqualTo(sumSec);
        Map<String, Double> tombstones = zset(DlqKeys.tombstones());
        assertThat(new TreeMap<>(redis.hash(String.class).hgetall(DlqKeys.tombstoneFailedAt())).keySet())
                .as("tombstone hash after " + after).isEqualTo(new TreeMap<>(tombstones).keySet());
        assertThat(tombstones.keySet().stream().filter(entries::containsKey).toList())
                .as("no entry is also tombstoned, after " + after).isEmpty();
        assertThat(zset(DlqKeys.pendingSuccesses()).keySet().stream().filter(entries::containsKey).toList())
                .as("no entry has a pending success, after " + after).isEmpty();
    }

    private List<String> keys(String prefix) {
        List<String> out = new ArrayList<>();
        for (String k : redis.key().scan(new KeyScanArgs().match(prefix.replace("{", "\\{").replace("}", "\\}")
                + "*").count(1000)).toIterable()) {
            out.add(k);
        }
        return out;
    }

    private Map<String, Double> zset(String key) {
        Map<String, Double> out = new TreeMap<>();
        for (ScoredValue<String> v : redis.sortedSet(String.class).zrangeWithScores(key, 0, -1)) {
            out.put(v.value(), v.score());
        }
        return out;
    }
}
