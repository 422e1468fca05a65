package io.github.codefind.internal.watch;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files that changed during one quiet period, as the watcher saw them when it delivered the batch.
 *
 * <p>A path is in at most one of the two sets. A file deleted and written again before the batch was
 * delivered is {@code changed}; one whose content ends up as it was in the last batch (or at start) is
 * in neither, unless it changed while that batch was being delivered (the callback may have read
 * something else). Paths are under the roots as given, and sorted.
 *
 * @param changed files created or whose content changed; readable when the batch was made
 * @param deleted files that were reported before (or existed at start) and are gone
 */
public record ChangeBatch(Set<Path> changed, Set<Path> deleted) {

    /**
     * Copies the sets, sorted and unmodifiable.
     *
     * @param changed files created or whose content changed
     * @param deleted files that are gone
     */
    public ChangeBatch {
        changed = Collections.unmodifiableSortedSet(new TreeSet<>(changed));
        deleted = Collections.unmodifiableSortedSet(new TreeSet<>(deleted));
        if (!Collections.disjoint(changed, deleted)) {
            throw new IllegalArgumentException("paths both changed and deleted: " + changed + ", " + deleted);
        }
    }

    /** @return true if nothing changed */
    public boolean isEmpty() {
        return changed.isEmpty() && deleted.isEmpty();
    }
}
