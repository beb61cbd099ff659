package io.streamq.worker.handlers;

import io.streamq.worker.handler.JobReporter;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what a handler called directly by a test reports, for the test to look at. */
final class RecordingReporter implements JobReporter {
    record Progress(Integer percent, Object data) {
    }

    final List<Progress> progress = new CopyOnWriteArrayList<>();
    final List<String> lines = new CopyOnWriteArrayList<>();

    List<Integer> percents() {
        return progress.stream().map(Progress::percent).toList();
    }

    Object lastData() {
        return progress.getLast().data();
    }

    @Override
    public void progress(Integer percent, Object data) {
        progress.add(new Progress(percent, data));
    }

    @Override
    public void log(String line) {
        lines.add(line);
    }
}
