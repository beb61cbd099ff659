import redis.embedded.RedisServer;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the Redis bundled in com.github.codemonstur:embedded-redis (Redis 6.2) on 127.0.0.1:PORT until this JVM gets
 * SIGTERM or SIGINT, then stops it. Used by ./stack when the machine has no redis-server:
 *
 * <pre>
 *   java -cp embedded-redis-1.4.4.jar tools/EmbeddedRedis.java PORT
 * </pre>
 *
 * Nothing is persisted (save "" and appendonly no).
 */
public class EmbeddedRedis {

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp embedded-redis.jar tools/EmbeddedRedis.java PORT");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        RedisServer server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .soutListener(System.out::println)
                .serrListener(System.err::println)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (server.isActive()) {
                    server.stop();
                }
                System.out.println("EmbeddedRedis: stopped redis on 127.0.0.1:" + port);
            } catch (Exception e) {
                System.err.println("EmbeddedRedis: stop failed: " + e);
            } finally {
                stopped.countDown();
            }
        }, "embedded-redis-stop"));

        server.start();
        System.out.println("EmbeddedRedis: redis listening on 127.0.0.1:" + port);
        stopped.await();
    }
}
