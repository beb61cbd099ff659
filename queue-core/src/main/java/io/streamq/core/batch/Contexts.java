package io.streamq.producer.wait;

import io.vertx.core.Context;

/** Hops back to a request's Vert.x context; outside any (start-up, tests) the work runs where it is. */
final class Contexts {

    private Contexts() {
    }

    static void run(Context context, Runnable work) {
        if (context == null) {
            work.run();
        } else {
            context.runOnContext(ignored -> work.run());
        }
    }
}
