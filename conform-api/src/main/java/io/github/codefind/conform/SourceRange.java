package io.github.codefind.conform;

import java.util.Objects;

/**
 * Where a code unit stands in its source: a file and an inclusive range of lines.
 *
 * <p>The file is as precise as codefind knows it: an absolute path once the unit has been matched to
 * a watched source root, otherwise the class file's {@code SourceFile} attribute, such as
 * {@code Main.java}.
 *
 * @param file the source file; not blank
 * @param firstLine the first line, from 1
 * @param lastLine the last line, not before {@code firstLine}
 */
public record SourceRange(String file, int firstLine, int lastLine) {
    /**
     * Validates the range.
     *
     * @param file the source file
     * @param firstLine the first line
     * @param lastLine the last line
     * @throws IllegalArgumentException if the file is blank or the lines are out of order
     */
    public SourceRange {
        Objects.requireNonNull(file, "file");
        if (file.isBlank()) {
            throw new IllegalArgumentException("The file name is blank");
        }
        if (firstLine < 1 || lastLine < firstLine) {
            throw new IllegalArgumentException("Bad line range " + firstLine + "-" + lastLine);
        }
    }

    /**
     * @param line a line number
     * @return true if the line lies within this range
     */
    public boolean contains(int line) {
        return firstLine <= line && line <= lastLine;
    }

    /**
     * The same range moved by some lines, as when code above it is edited.
     *
     * @param delta lines to add; may be negative
     * @return the moved range
     * @throws IllegalArgumentException if it would start before line 1
     */
    public SourceRange shift(int delta) {
        return new SourceRange(file, firstLine + delta, lastLine + delta);
    }

    /** @return {@code file:first-last}, or {@code file:line} for a single line */
    @Override
    public String toString() {
        return firstLine == lastLine ? file + ":" + firstLine : file + ":" + firstLine + "-" + lastLine;
    }
}
