package io.github.codefind;

import io.github.codefind.conform.Patch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one patch: applied or rejected with reasons, the changes, the conformers called and
 * how each went, notes (such as static initializers not re-run), and how long each stage took.
 *
 * @param patch the changes applied; empty if the patch was rejected or changed nothing
 * @param rejections why it was rejected; empty if it was applied
 * @param conformers what each conformer did, ordered as they were called
 * @param notes things the user should know, such as a changed static initializer that was not re-run
 * @param timings how long each stage took
 * @param origin who redefined the classes: codefind, or someone else it observed
 */
public record PatchResult(Optional<Patch> patch, List<Rejection> rejections, List<ConformOutcome> conformers,
        List<String> notes, Timings timings, Origin origin) {
    /** Who made a patch. */
    public enum Origin {
        /** A call to {@link Codefind#patch}. */
        CODEFIND,
        /** A redefinition by someone else: a debugger's HotSwap, another agent. */
        EXTERNAL
    }

    /**
     * How long each stage took.
     *
     * @param diff reading, matching and comparing the class files
     * @param redefine the JVM's redefinition
     * @param discover finding the conformables that refer to the changed code
     * @param conform calling them
     * @param total the whole patch
     */
    public record Timings(Duration diff, Duration redefine, Duration discover, Duration conform, Duration total) {
        /** @return {@code diff 1.2 ms, redefine 2.0 ms, ...} */
        @Override
        public String toString() {
            return "diff " + ms(diff) + ", redefine " + ms(redefine) + ", discover " + ms(discover) + ", conform "
                    + ms(conform) + ", total " + ms(total);
        }

        private static String ms(Duration d) {
            return String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
        }
    }

    /**
     * Copies the lists.
     *
     * @param patch the changes applied
     * @param rejections why it was rejected
     * @param conformers what each conformer did
     * @param notes notes
     * @param timings the timings
     * @param origin who made it
     */
    public PatchResult {
        rejections = List.copyOf(rejections);
        conformers = List.copyOf(conformers);
        notes = List.copyOf(notes);
    }

    /** @return true if the new code is live (or there was nothing to change) */
    public boolean applied() {
        return rejections.isEmpty();
    }

    /** @return the conformers that threw, with {@code ConformException} or otherwise */
    public List<ConformOutcome> failures() {
        List<ConformOutcome> failed = new ArrayList<>();
        for (ConformOutcome o : conformers) {
            if (o.status() != ConformOutcome.Status.CONFORMED) {
                failed.add(o);
            }
        }
        return failed;
    }

    /** @return one line: what changed or why not, conformers, and the total time */
    public String summary() {
        if (!applied()) {
            return "rejected: " + rejections;
        }
        int changes = patch.map(p -> p.changes().size()).orElse(0);
        return "applied patch " + patch.map(p -> "#" + p.id()).orElse("(no change)") + ": " + changes
                + " change(s), " + conformers.size() + " conformer(s)" + (failures().isEmpty() ? ""
                : ", " + failures().size() + " failed") + ", " + timings;
    }
}
