package io.streamq.gateway;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamq.core.contract.Channels;
import io.streamq.testing.RedisTestResource;
import io.streamq.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import static io.restassured.RestAssured.given;

/**
 * A measuring probe, not a test: off unless {@code -Dgateway.probe=true}. It checks the claim "1,000 connected
 * clients, 1,000 upstream events/s, publish-to-receive p99 under 100 ms" against the real gateway (one JVM: the
 * gateway, the 1,000 JDK WebSocket clients and the publisher share the machine with the private redis-server).
 *
 * <p>{@code gateway.probe.clients} (1,000) clients connect with an OWNER token, each joins one queue room (spread over
 * the 6 work queues; every client is also in {@code global}). Then, per phase, {@code gateway.probe.rate} (1,000)
 * job events/s for {@code gateway.probe.seconds} (30) s are PUBLISHed on {@code rt:queue:events}, one event per
 * message ({@code {"queue":..,"events":[..]}} as the scripts send), round-robin over the queues, plus 5 alerts.
 * {@code gateway.probe.phases} ("1,20") gives each phase's share of {@code failed} events: 1 = every event failed
 * (every event is a frame to its room: the worst case), 20 = one in 20 (the rest waiting/active/completed, coalesced
 * into summaries). A failed event's jobId carries its sequence number, so every {@code job_event} frame a client gets
 * is matched to the {@link System#nanoTime()} taken just before its PUBLISH (same JVM, same clock). Summaries are timed
 * from their tick end ({@code to}) instead: their publish-to-receive is bounded below by the 250 ms tick by design.
 * A 3 s warm-up phase precedes the measured ones. Numbers only; nothing asserts speed.
 *
 * <pre>./mvnw -B -o -pl realtime-gateway -am verify -Dtest=GatewayLoadProbe -Dgateway.probe=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@EnabledIfSystemProperty(named = "gateway.probe", matches = "true")
class GatewayLoadProbe {

    private static final String[] QUEUES = {"ai", "workflows", "analytics", "email", "plugins", "system"};
    private static final String[] OTHER_STATES = {"waiting", "active", "completed"};
    /** Sequence numbers of phase p are p * SEQ_SPAN + k: a frame is attributed to its phase by its jobId alone. */
    private static final int SEQ_SPAN = 200_000;
    private static final int ALERTS_PER_PHASE = 5;
    private static final int MAX_PHASES = 8;

    @TestHTTPResource("/owner/realtime")
    URI uri;

    @Inject
    RedisDataSource redis;

    private final AtomicLongArray publishedNanos = new AtomicLongArray(MAX_PHASES * SEQ_SPAN);
    private final AtomicLongArray alertNanos = new AtomicLongArray(MAX_PHASES * 100);
    private volatile int currentPhase;

    @Test
    void measure() throws Exception {
        int clients = Integer.getInteger("gateway.probe.clients", 1_000);
        int rate = Integer.getInteger("gateway.probe.rate", 1_000);
        int seconds = Integer.getInteger("gateway.probe.seconds", 30);
        int[] failedEvery = Arrays.stream(System.getProperty("gateway.probe.phases", "1,20").split(","))
                .map(String::trim).mapToInt(Integer::parseInt).toArray();
        TestRedis.awaitGatewaySubscribed();
        System.out.printf("%nGateway probe: load average at start %s; %d CPUs%n", loadavg(),
                Runtime.getRuntime().availableProcessors());

        List<HttpClient> https = new ArrayList<>();
        List<ExecutorService> executors = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor();
            executors.add(ex);
            https.add(HttpClient.newBuilder().executor(ex).build());
        }
        List<Client> all = new ArrayList<>();
        try {
            long connectStart = System.nanoTime();
            connect(clients, https, all);
            System.out.printf("Gateway probe: %d clients connected and subscribed in %.1f s (gauge: %.0f)%n",
                    all.size(), (System.nanoTime() - connectStart) / 1e9, metric("streamq_gateway_clients"));

            run(-1, all, rate, 3, 1);
            for (int p = 0; p < Math.min(failedEvery.length, MAX_PHASES - 1); p++) {
                run(p + 1, all, rate, seconds, failedEvery[p]);
            }
            System.out.printf("Gateway probe: load average at end %s%n%n", loadavg());
        } finally {
            for (Client c : all) {
                c.close();
            }
            executors.forEach(ExecutorService::shutdownNow);
        }
    }

    private void connect(int clients, List<HttpClient> https, List<Client> all) throws Exception {
        String token = TestTokens.expiringIn("probe", 3600);
        URI ws = WsClient.ws(uri);
        Semaphore permits = new Semaphore(32);
        CountDownLatch done = new CountDownLatch(clients);
        AtomicInteger failures = new AtomicInteger();
        Client[] made = new Client[clients];
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                int n = i;
                starters.submit(() -> {
                    try {
                        permits.acquire();
                        try {
                            Client c = new Client(QUEUES[n % QUEUES.length]);
                            c.socket = https.get(n % https.size()).newWebSocketBuilder()
                                    .connectTimeout(Duration.ofSeconds(30))
                                    .header("Authorization", "Bearer " + token)
                                    .buildAsync(ws, c).get(60, TimeUnit.SECONDS);
                            c.socket.sendText("{\"type\":\"subscribe_queue\",\"queue\":\"" + c.queue + "\"}", true)
                                    .get(30, TimeUnit.SECONDS);
                            if (!c.acked.await(30, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("no ack");
                            }
                            made[n] = c;
                        } finally {
                            permits.release();
                        }
                    } catch (Exception e) {
                        if (failures.incrementAndGet() <= 3) {
                            System.out.println("Gateway probe: a client could not connect: " + e);
                        }
                    } finally {
                        done.countDown();
                    }
                    return null;
                });
            }
            if (!done.await(180, TimeUnit.SECONDS)) {
                throw new AssertionError("clients did not connect within 180 s");
            }
        }
        for (Client c : made) {
            if (c != null) {
                all.add(c);
            }
        }
        if (failures.get() > 0) {
            System.out.printf("Gateway probe: %d clients failed to connect%n", failures.get());
        }
    }

    /** One phase: {@code rate} events/s for {@code seconds}, every {@code failedEvery}-th failed; then the numbers. */
    private void run(int phase, List<Client> all, int rate, int seconds, int failedEvery) throws Exception {
        int slot = phase < 0 ? 0 : phase;
        currentPhase = slot;
        double droppedBefore = metric("streamq_gateway_frames_dropped_total");
        double sentBefore = metric("streamq_gateway_frames_sent_total");
        int[] subscribers = new int[QUEUES.length];
        for (Client c : all) {
            subscribers[Arrays.asList(QUEUES).indexOf(c.queue)]++;
        }

        PubSubCommands<String> pubsub = redis.pubsub(String.class);
        int total = rate * seconds;
        if (total >= SEQ_SPAN) {
            throw new IllegalArgumentException("at most " + (SEQ_SPAN - 1) + " events per phase");
        }
        long expectedFrames = 0;
        int failedPublished = 0;
        long maxBehindNanos = 0;
        long periodNanos = 1_000_000_000L / rate;
        int alertEvery = Math.max(1, total / ALERTS_PER_PHASE);
        int alertsPublished = 0;
        long start = System.nanoTime();
        for (int k = 0; k < total; k++) {
            long due = start + k * periodNanos;
            long now = System.nanoTime();
            if (now < due) {
                LockSupport.parkNanos(due - now);
            } else {
                maxBehindNanos = Math.max(maxBehindNanos, now - due);
            }
            int q = k % QUEUES.length;
            String queue = QUEUES[q];
            boolean failed = (k / QUEUES.length) % failedEvery == 0; // every queue gets its share
            int seq = slot * SEQ_SPAN + k;
            String state = failed ? "failed" : OTHER_STATES[k % OTHER_STATES.length];
            String message = "{\"queue\":\"" + queue + "\",\"events\":[{\"jobId\":\"" + queue + "-" + seq
                    + "\",\"name\":\"" + queue + ".probe\",\"state\":\"" + state + "\",\"attempt\":1,\"ts\":"
                    + System.currentTimeMillis()
                    + (failed ? ",\"errorCode\":\"probe\",\"errorMessage\":\"probe failure " + seq + "\"" : "")
                    + "}]}";
            if (failed) {
                failedPublished++;
                expectedFrames += subscribers[q];
            }
            publishedNanos.set(seq, System.nanoTime());
            pubsub.publish(Channels.JOB_EVENTS, message);
            if (k % alertEvery == alertEvery / 2 && alertsPublished < ALERTS_PER_PHASE) {
                int id = slot * 100 + alertsPublished;
                alertNanos.set(id, System.nanoTime());
                pubsub.publish(Channels.ALERTS, "{\"probeAlert\":" + id + ",\"severity\":\"warning\",\"queue\":\""
                        + queue + "\",\"message\":\"probe alert " + id + "\"}");
                alertsPublished++;
            }
        }
        double publishSeconds = (System.nanoTime() - start) / 1e9;

        // Drain: until every expected job_event frame and alert arrived, or nothing arrived for 3 s (at most 60 s).
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long lastTotal = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long got = 0;
            long alerts = 0;
            for (Client c : all) {
                got += c.jobEvents(slot);
                alerts += c.alerts(slot);
            }
            if (got >= expectedFrames && alerts >= (long) alertsPublished * all.size()) {
                break;
            }
            if (got != lastTotal) {
                lastTotal = got;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > Duration.ofSeconds(3).toNanos()) {
                break;
            }
            Thread.sleep(100);
        }
        Thread.sleep(600); // the last summary tick
        double dropped = metric("streamq_gateway_frames_dropped_total") - droppedBefore;
        double sent = metric("streamq_gateway_frames_sent_total") - sentBefore;

        int n = 0;
        for (Client c : all) {
            n += c.latencies(slot).size;
        }
        int[] lat = new int[n];
        int at = 0;
        List<Integer> summaryLateness = new ArrayList<>();
        long summaries = 0;
        long allFrames = 0;
        int clientsWithAllAlerts = 0;
        int closed = 0;
        List<Integer> alertLat = new ArrayList<>();
        for (Client c : all) {
            synchronized (c) {
                IntList l = c.latencies(slot);
                System.arraycopy(l.values, 0, lat, at, l.size);
                at += l.size;
                IntList s = c.summaryLateness[slot];
                for (int i = 0; i < s.size; i++) {
                    summaryLateness.add(s.values[i]);
                }
                summaries += s.size;
                allFrames += c.frames[slot];
                boolean allAlerts = true;
                for (int a = 0; a < alertsPublished; a++) {
                    int micros = c.alertMicros[slot * 100 + a];
                    if (micros < 0) {
                        allAlerts = false;
                    } else {
                        alertLat.add(micros);
                    }
                }
                if (allAlerts) {
                    clientsWithAllAlerts++;
                }
                if (c.closeCode != 0) {
                    closed++;
                }
            }
        }
        Arrays.sort(lat);
        int[] sl = summaryLateness.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] al = alertLat.stream().mapToInt(Integer::intValue).sorted().toArray();

        String name = phase < 0 ? "warm-up" : "phase " + phase;
        System.out.printf("%nGateway probe %s: %d clients, %,d job events in %.1f s (%,.0f events/s; publisher at "
                        + "most %.1f ms behind schedule), 1 in %d failed (%,d failed events), %d alerts%n",
                name, all.size(), total, publishSeconds, total / publishSeconds, maxBehindNanos / 1e6, failedEvery,
                failedPublished, alertsPublished);
        System.out.printf("  job_event frames: received %,d of %,d expected (%.2f%%)%n", lat.length, expectedFrames,
                expectedFrames == 0 ? 100.0 : 100.0 * lat.length / expectedFrames);
        System.out.printf("  publish-to-receive (job_event): p50 %s  p95 %s  p99 %s  p99.9 %s  max %s ms%n",
                pct(lat, 50), pct(lat, 95), pct(lat, 99), pct(lat, 99.9), lat.length == 0 ? "-" : ms(lat[lat.length - 1]));
        System.out.printf("  job_summary frames: %,d; tick end ('to') to receive: p50 %s  p99 %s  max %s ms%n",
                summaries, pct(sl, 50), pct(sl, 99), sl.length == 0 ? "-" : ms(sl[sl.length - 1]));
        System.out.printf("  alerts: %d of %d clients got all %d; publish-to-receive p50 %s  p99 %s  max %s ms%n",
                clientsWithAllAlerts, all.size(), alertsPublished, pct(al, 50), pct(al, 99),
                al.length == 0 ? "-" : ms(al[al.length - 1]));
        System.out.printf("  frames received by clients: %,d; gateway frames_sent +%,.0f, frames_dropped +%,.0f; "
                + "connections closed by the server: %d; load average %s%n", allFrames, sent, dropped, closed,
                loadavg());
    }

    private static String pct(int[] sorted, double p) {
        if (sorted.length == 0) {
            return "-";
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return ms(sorted[Math.max(0, Math.min(sorted.length - 1, i))]);
    }

    private static String ms(int micros) {
        return String.format("%.1f", micros / 1000.0);
    }

    private static double metric(String name) {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return scrape.lines().filter(l -> l.startsWith(name)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(-1.0);
    }

    private static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    /** A growable int array (latencies in µs): millions of frames without boxing. */
    static final class IntList {
        int[] values = new int[1024];
        int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }

    /** One WebSocket client: parses just enough of each frame to time it; callbacks are serial per socket. */
    final class Client implements WebSocket.Listener {
        final String queue;
        final CountDownLatch acked = new CountDownLatch(1);
        final IntList[] jobLatencies = new IntList[MAX_PHASES];
        final IntList[] summaryLateness = new IntList[MAX_PHASES];
        final long[] frames = new long[MAX_PHASES];
        final int[] alertMicros = new int[MAX_PHASES * 100];
        private final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;
        int closeCode;

        Client(String queue) {
            this.queue = queue;
            for (int i = 0; i < MAX_PHASES; i++) {
                jobLatencies[i] = new IntList();
                summaryLateness[i] = new IntList();
            }
            Arrays.fill(alertMicros, -1);
        }

        synchronized IntList latencies(int phase) {
            return jobLatencies[phase];
        }

        synchronized long jobEvents(int phase) {
            return jobLatencies[phase].size;
        }

        synchronized int alerts(int phase) {
            int n = 0;
            for (int a = phase * 100; a < phase * 100 + 100; a++) {
                if (alertMicros[a] >= 0) {
                    n++;
                }
            }
            return n;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            String frame;
            if (last && partial.isEmpty()) {
                frame = data.toString();
            } else {
                partial.append(data);
                frame = last ? partial.toString() : null;
                if (last) {
                    partial.setLength(0);
                }
            }
            if (frame != null) {
                onFrame(frame, now);
            }
            webSocket.request(1);
            return null;
        }

        private synchronized void onFrame(String frame, long now) {
            frames[currentPhase]++;
            if (frame.startsWith("{\"type\":\"job_event\"")) {
                int i = frame.indexOf("\"jobId\":\"");
                int end = frame.indexOf('"', i + 9);
                int seq = Integer.parseInt(frame.substring(frame.lastIndexOf('-', end) + 1, end));
                jobLatencies[seq / SEQ_SPAN].add((int) ((now - publishedNanos.get(seq)) / 1000));
            } else if (frame.startsWith("{\"type\":\"job_summary\"")) {
                int i = frame.indexOf("\"to\":") + 5;
                int end = frame.indexOf(',', i);
                long to = Long.parseLong(frame.substring(i, end));
                summaryLateness[currentPhase].add((int) ((System.currentTimeMillis() - to) * 1000));
            } else if (frame.startsWith("{\"type\":\"alert\"")) {
                if (!frame.contains("\"latest\":true")) {
                    int i = frame.indexOf("\"probeAlert\":");
                    if (i >= 0) {
                        i += 13;
                        int end = i;
                        while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
                            end++;
                        }
                        int id = Integer.parseInt(frame.substring(i, end));
                        alertMicros[id] = (int) ((now - alertNanos.get(id)) / 1000);
                    }
                }
            } else if (frame.startsWith("{\"type\":\"ack\"")) {
                acked.countDown();
            }
        }

        @Override
        public synchronized CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            return null;
        }

        @Override
        public synchronized void onError(WebSocket webSocket, Throwable error) {
            closeCode = -1;
        }

        void close() {
            WebSocket s = socket;
            if (s != null) {
                s.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
                s.abort();
            }
        }
    }
}
