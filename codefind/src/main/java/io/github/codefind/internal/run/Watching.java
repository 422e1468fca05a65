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
                        (ChangeBatch b) -> runner.handleSources(b.changed(), b.deleted())));
            }
            if (!options.classRoots().isEmpty()) {
                watchers.add(FileWatcher.start(classes(options), (ChangeBatch b) -> runner.handleClasses(b.changed())));
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

    private static WatchOptions classes(RunOptions options) {
        return configure(WatchOptions.of(options.classRoots(), WatchOptions.extensions("class")), options);
    }

    private static WatchOptions configure(WatchOptions base, RunOptions options) {
        List<PathMatcher> exclusions = new ArrayList<>();
        for (String glob : options.exclusions()) {
            exclusions.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
        WatchOptions o = base.withExclusions(exclusions);
        return options.poll() == null ? o : o.withMode(WatchOptions.Mode.POLL).withPollInterval(options.poll());
    }
}
