package io.streamq.worker.handlers;

import io.streamq.testing.RedisTestServer;

/** How often the test Redis has run a command, from INFO commandstats: shows whether a job read a hash in slices. */
final class CommandCalls {

    private CommandCalls() {
    }

    /** Calls of {@code command} (lower case) so far. */
    static long of(RedisTestServer server, String command) {
        String prefix = "cmdstat_" + command + ":calls=";
        return server.command("INFO", "commandstats").lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Long.parseLong(l.substring(prefix.length(), l.indexOf(',')))).orElse(0L);
    }
}
