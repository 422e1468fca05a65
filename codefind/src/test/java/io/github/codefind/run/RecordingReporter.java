package io.github.codefind.run;

import io.github.codefind.NotLive;
import io.github.codefind.PatchResult;
import io.github.codefind.internal.run.ConsoleReporter;
import io.github.codefind.internal.run.PatchTimes;
import io.github.codefind.internal.run.Reporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The runner's real console, printing into memory, that also keeps every patch result: tests read both
 * what a user would read and what the engine did.
 */
final class RecordingReporter implements Reporter {
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final ConsoleReporter printer = new ConsoleReporter(new PrintStream(console, true, StandardCharsets.UTF_8),
            true);
    private final List<PatchResult> results = new CopyOnWriteArrayList<>();

    @Override
    public void patched(Collection<Path> files, PatchResult result, PatchTimes times) {
        results.add(result);
        printer.patched(files, result, times);
    }

    @Override
    public void warmedUp(String what, java.time.Duration took) {
        printer.warmedUp(what, took);
    }

    @Override
    public void compileFailed(Collection<Path> files, List<String> errors) {
        printer.compileFailed(files, errors);
    }

    @Override
    public void notLive(List<NotLive> files) {
        printer.notLive(files);
    }

    @Override
    public void problem(String what) {
        printer.problem(what);
    }

    @Override
    public void looped(String method, Object result) {
        printer.looped(method, result);
    }

    /** @return everything printed so far */
    String console() {
        synchronized (console) {
            return console.toString(StandardCharsets.UTF_8);
        }
    }

    /** @return the printed lines that contain a text */
    List<String> lines(String containing) {
        return console().lines().filter(l -> l.contains(containing)).collect(Collectors.toList());
    }

    /** @return every patch result reported so far */
    List<PatchResult> results() {
        return results;
    }
}
