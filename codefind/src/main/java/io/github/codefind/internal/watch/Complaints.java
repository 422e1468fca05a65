package io.github.codefind.internal.watch;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Logs a problem with a path once, not at every scan, until the path is fine again. Used by one thread
 * at a time.
 */
final class Complaints {
    /** Asked for when a line is logged: looking the logger up at class load would start the log back end. */
    private static System.Logger log() {
        return System.getLogger("io.github.codefind.watch");
    }

    private final Set<Path> complained = new HashSet<>();

    /**
     * Logs a warning unless one was logged for the path since it was last fine.
     *
     * @param path the path
     * @param what what could not be done, e.g. "cannot read"
     * @param cause why
     */
    void warn(Path path, String what, Exception cause) {
        if (complained.add(path)) {
            log().log(System.Logger.Level.WARNING, "codefind watcher: " + what + " " + path + " (" + cause
                    + "); skipped");
        }
    }

    /** @param path a path that is fine now */
    void fine(Path path) {
        if (!complained.isEmpty()) {
            complained.remove(path);
        }
    }
}
