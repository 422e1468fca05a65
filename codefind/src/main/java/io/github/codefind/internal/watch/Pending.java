package io.github.codefind.internal.watch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paths that may have changed since the last batch, and when the batch is due: after
 * {@code debounce} of quiet, but no later than {@code maxWait} after the first change. Times are
 * {@link System#nanoTime()}. Paths can also wait for a time of their own before they join: see
 * {@link #recheckAt}. Used by one thread.
 */
final class Pending {
    private final long debounce;
    private final long maxWait;
    private final Set<Path> paths = new LinkedHashSet<>();
    /** Paths that join {@link #paths} at their time. */
    private final Map<Path, Long> deferred = new HashMap<>();
    private long first;
    private long last;

    Pending(long debounceNanos, long maxWaitNanos) {
        this.debounce = debounceNanos;
        this.maxWait = maxWaitNanos;
    }

    /** Notes that {@code path} changed at {@code now}: the quiet period starts again. */
    void add(Path path, long now) {
        if (paths.isEmpty()) {
            first = now;
            last = now;
        } else if (now - last > 0) {
            last = now;
        }
        paths.add(path);
    }

    /**
     * Notes that {@code path} must be checked, without evidence that it is being written: the quiet
     * period does not start again (a scan that finds the same thing twice must not postpone the batch).
     */
    void recheck(Path path, long now) {
        if (paths.isEmpty()) {
            first = now;
            last = now;
        }
        paths.add(path);
    }

    /**
     * Notes that {@code path} must be checked again at {@code due}, not sooner (nothing could be told
     * before then), without holding back the other paths. Replaces an earlier time for it.
     */
    void recheckAt(Path path, long due) {
        deferred.put(path, due);
    }

    /** @return whether some path waits for its time */
    boolean hasDeferred() {
        return !deferred.isEmpty();
    }

    /** @return the earliest time a deferred path is due; only meaningful if {@link #hasDeferred()} */
    long nextDeferred() {
        long next = 0;
        boolean found = false;
        for (long due : deferred.values()) {
            if (!found || due - next < 0) {
                next = due;
                found = true;
            }
        }
        return next;
    }

    /** Makes the deferred paths due at {@code now} pending, as by {@link #recheck}. */
    void promote(long now) {
        for (Iterator<Map.Entry<Path, Long>> it = deferred.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Path, Long> entry = it.next();
            if (now - entry.getValue() >= 0) {
                it.remove();
                recheck(entry.getKey(), now);
            }
        }
    }

    boolean isEmpty() {
        return paths.isEmpty();
    }

    /** @return when the batch is due; only meaningful if not empty */
    long deadline() {
        long quiet = last + debounce;
        long cap = first + maxWait;
        return quiet - cap < 0 ? quiet : cap;
    }

    /** @return true if the batch may wait no longer */
    boolean capReached(long now) {
        return now - (first + maxWait) >= 0;
    }

    /** Pushes the deadline back as if something changed at {@code changedAt} (still capped). */
    void changedAt(long changedAt) {
        if (changedAt - last > 0) {
            last = changedAt;
        }
    }

    /** @return the paths, which are forgotten */
    List<Path> drain() {
        List<Path> drained = new ArrayList<>(paths);
        paths.clear();
        return drained;
    }

    /** @return the paths, which stay pending */
    List<Path> peek() {
        return new ArrayList<>(paths);
    }
}
