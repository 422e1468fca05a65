package io.github.codefind.conform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The changes one patch made, applied together and atomically.
 *
 * <p>A conformer receives a patch holding only the changes relevant to it; {@link #id()} is the same
 * for every conformer of one patch, so objects can tell that two calls came from the same patch.
 *
 * @param id the patch's sequence number in this JVM, from 1
 * @param changes the changes; a unit stands at most once among the befores and once among the afters
 */
public record Patch(long id, List<Change> changes) {
    /**
     * Validates and copies the components.
     *
     * @param id the sequence number
     * @param changes the changes
     * @throws IllegalArgumentException if the id is not positive, or a unit stands twice among the
     *     befores or twice among the afters
     */
    public Patch {
        if (id < 1) {
            throw new IllegalArgumentException("Patch ids start at 1: " + id);
        }
        changes = List.copyOf(changes);
        // Lambdas renumber: lambda$m$1 may become lambda$m$0 while the old lambda$m$0 is removed, so
        // a unit may stand once before and once after, in two changes, but not twice on one side.
        Set<CodeUnit> before = new HashSet<>();
        Set<CodeUnit> after = new HashSet<>();
        for (Change c : changes) {
            if (c.before().isPresent() && !before.add(c.before().get())
                    || c.after().isPresent() && !after.add(c.after().get())) {
                throw new IllegalArgumentException("Two changes name " + c.unit() + " in patch " + id);
            }
        }
    }

    /** @return the classes any change belongs to, in the order of the changes */
    public Set<ClassUnit> classes() {
        Set<ClassUnit> classes = new LinkedHashSet<>();
        for (Change c : changes) {
            classes.add(c.unit().declaringClass());
        }
        return classes;
    }

    /**
     * Whether this patch changed the given unit. For a class, any change to the class or to one of
     * its members or lambdas counts; for a method or lambda, only a change to that unit, before or
     * after.
     *
     * @param unit a code unit
     * @return true if it changed
     */
    public boolean affects(CodeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        for (Change c : changes) {
            if (unit instanceof ClassUnit ? c.unit().declaringClass().equals(unit)
                    : unit.equals(c.before().orElse(null)) || unit.equals(c.after().orElse(null))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The changes of this patch that satisfy a condition, as a patch with the same id.
     *
     * @param condition which changes to keep
     * @return the filtered patch
     */
    public Patch filter(Predicate<? super Change> condition) {
        List<Change> kept = new ArrayList<>();
        for (Change c : changes) {
            if (condition.test(c)) {
                kept.add(c);
            }
        }
        return new Patch(id, kept);
    }
}
