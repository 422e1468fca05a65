package io.github.codefind;

import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.Conformable;
import java.util.Objects;
import java.util.Set;

/**
 * A live {@link Conformable} and the changed code units it refers to.
 *
 * @param object the conformable; compared by identity in {@link #equals}
 * @param units the units it refers to, as asked; never empty
 */
public record CodeDependent(Conformable object, Set<CodeUnit> units) {
    /**
     * Copies the units.
     *
     * @param object the conformable
     * @param units the units
     */
    public CodeDependent {
        Objects.requireNonNull(object, "object");
        units = Set.copyOf(units);
    }

    /** Equal when the objects are the same object and the units are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CodeDependent && ((CodeDependent) o).object == object
                && ((CodeDependent) o).units.equals(units);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(object) * 31 + units.hashCode();
    }

    /** @return the object's class and identity hash, and the units */
    @Override
    public String toString() {
        return object.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(object))
                + " -> " + units;
    }
}
