package io.streamq.core.batch;

import io.vertx.core.Context;

/** Hops back to a request's Vert.x context; outside any (start-up, tests) the work runs where it is. */
public final class Contexts {

    private Contexts() {
    }

    public static void run(Context context, Runnable work) {
        if (context == null) {
            work.run();
        } else {
            context.runOnContext(ignored -> work.run());
        }
    }
}
