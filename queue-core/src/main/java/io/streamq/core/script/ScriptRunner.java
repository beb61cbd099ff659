package io.streamq.core.script;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Runs a {@link ScriptCall} by its script's SHA, sending the source only the first time a server lacks it. */
@ApplicationScoped
public class ScriptRunner {

    private final ReactiveRedisDataSource redis;

    public ScriptRunner(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Response> run(ScriptCall call) {
        LuaScript script = call.script();
        List<String> keys = call.keys();
        List<String> args = call.args();
        return redis.execute(Command.EVALSHA, arguments(script.sha1(), keys, args))
                .onFailure(ScriptRunner::isNoScript)
                .recoverWithUni(() -> redis.execute(Command.EVAL, arguments(script.source(), keys, args)));
    }

    private static String[] arguments(String scriptOrSha, List<String> keys, List<String> args) {
        List<String> all = new ArrayList<>(2 + keys.size() + args.size());
        all.add(scriptOrSha);
        all.add(Integer.toString(keys.size()));
        all.addAll(keys);
        all.addAll(args);
        return all.toArray(String[]::new);
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }
}
