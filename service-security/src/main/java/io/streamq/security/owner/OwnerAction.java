package io.streamq.security.owner;

import java.util.List;
import java.util.Map;

/** A message on {@code Channels.OWNER_ACTIONS}: who did what to which queue and jobs, and what came of it. */
public record OwnerAction(String type, String action, String queue, List<String> jobIds, String actor,
                          Map<String, Object> result, long ts) {

    public static final String TYPE = "owner.action";
}
