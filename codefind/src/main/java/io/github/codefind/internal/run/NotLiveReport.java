package io.github.codefind.internal.run;

import io.github.codefind.NotLive;
import java.util.List;
import java.util.function.Supplier;

/**
 * Says which watched files do not run after every batch, sources and class files together, while there
 * are any, and once more when none are left: the one place the console's "not live" line comes from.
 */
final class NotLiveReport {
    private final Reporter reporter;
    private final Supplier<List<NotLive>> notLive;
    /** Whether the last line said some files were not live. */
    private boolean reported;

    /**
     * @param reporter where to say it
     * @param notLive every watched file that does not run, with why
     */
    NotLiveReport(Reporter reporter, Supplier<List<NotLive>> notLive) {
        this.reporter = reporter;
        this.notLive = notLive;
    }

    /** Called after each batch: says what is not live, or that all is, if that is news. */
    synchronized void batchDone() {
        List<NotLive> now = notLive.get();
        if (!now.isEmpty() || reported) {
            reporter.notLive(now);
        }
        reported = !now.isEmpty();
    }
}
