package io.github.codefind;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A watched source file whose content on disk is not what the program runs, and why: the runner's
 * answer to "is what runs what I saved?". Such a file is compiled again with every later batch of
 * saves until it goes live, or until its content on disk is again what runs.
 *
 * @param file the source file
 * @param reason why its saved content does not run, such as {@code compile error},
 *     {@code compile error without the change to B.java, which is not live},
 *     {@code refused: the superclass changed}, or
 *     {@code deleted; its classes stay loaded until a rebuild and restart}
 */
public record NotLive(Path file, String reason) {
    /**
     * Validates the components.
     *
     * @param file the file
     * @param reason why
     */
    public NotLive {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return {@code A.java (compile error)} */
    @Override
    public String toString() {
        return file.getFileName() + " (" + reason + ")";
    }
}
