package io.streamq.core.store.dlq;

import java.util.List;

/** Members of one index read, highest score first, and the cursor after the last (null when there are none). */
public record DlqChunk(List<Scored> members, DlqCursor last) {

    public List<String> ids() {
        return members.stream().map(Scored::member).toList();
    }
}
