package io.github.codefind.internal.run;

import io.github.codefind.internal.watch.ChangeBatch;
import io.github.codefind.internal.watch.FileWatcher;
import io.github.codefind.internal.watch.WatchOptions;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/** Connects a runner to file watchers: one for source folders, one for class folders. */
final class Watching {
    private Watching() {
    }

    /**
     * @param runner the runner to feed
     * @param reporter where a watcher that cannot start is reported
     * @return the watchers, to close when the program ends
     */
    static List<FileWatcher> start(Runner runner, Reporter reporter) {
        RunOptions options = runner.options();
        List<FileWatcher> watchers = new ArrayList<>();
        try {
            if (!options.sourceRoots().isEmpty()) {
                watchers.add(FileWatcher.start(sources(options),
                        (ChangeBatch b) -> runner.handleSources(b.changed(), b.deleted()), runner::sourceWritten));
            }
            if (!options.classRoots().isEmpty()) {
                watchers.add(FileWatcher.start(classes(options),
                        (ChangeBatch b) -> runner.handleClasses(b.changed(), b.deleted())));
            }
        } catch (IOException e) {
            reporter.problem("cannot watch " + options.sourceRoots() + " " + options.classRoots() + ": " + e
                    + "; the program runs without live patching");
        }
        return watchers;
    }

    /**
     * @param options the runner's options
     * @return how source folders are watched: which files count, and which are excluded
     */
    static WatchOptions sources(RunOptions options) {
        return configure(WatchOptions.of(options.sourceRoots(), WatchOptions.extensions("java")), options);
    }

    /**
     * Class folders are written by builds, file by file: a batch waits until the folder was quiet for the
     * settle time, however long the build runs (up to {@link #LONGEST_BUILD}).
     */
    private static WatchOptions classes(RunOptions options) {
        return configure(WatchOptions.of(options.classRoots(), WatchOptions.extensions("class"))
                .withDebounce(options.settle(), LONGEST_BUILD.compareTo(options.settle()) > 0 ? LONGEST_BUILD
                        : options.settle().multipliedBy(2)), options);
    }

    /** The longest a build that keeps writing is waited for before what it wrote so far is taken. */
    static final java.time.Duration LONGEST_BUILD = java.time.Duration.ofSeconds(30);

    private static WatchOptions configure(WatchOptions base, RunOptions options) {
        List<PathMatcher> exclusions = new ArrayList<>();
        for (String glob : options.exclusions()) {
            exclusions.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        WatchOptions o = base.withExclusions(exclusions);
        return options.poll() == null ? o : o.withMode(WatchOptions.Mode.POLL).withPollInterval(options.poll());
    }
}
