package io.streamq.dlq.api;

import java.util.Map;

/**
 * Answer of a confirmed clear: 200 when it finished within the inline wait ({@code affected} = entries removed),
 * 202 while its task still runs ({@code affected} null; follow {@code Location} or {@code task.taskId}).
 */
public record ClearResult(Long affected, Map<String, Object> filters, ClearTaskView task) {
}
