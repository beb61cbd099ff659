package io.streamq.core.contract.payload;

import java.util.Map;

/**
 * A payload whose job calls URLs the client chose. The producer refuses at enqueue a destination written as an
 * address the worker would refuse to call ({@link io.streamq.core.net.OutboundPolicy}), so the client hears it at
 * once instead of from a failed job.
 */
public interface CallsOut {

    /** Field of the payload (as the client wrote it) → the URL it holds; null URLs are left out. */
    Map<String, String> destinations();
}
