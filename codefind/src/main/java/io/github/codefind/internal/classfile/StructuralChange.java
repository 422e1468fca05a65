package io.github.codefind.internal.classfile;

/**
 * A change to a class's shape, which a stock JVM cannot redefine.
 *
 * @param kind what changed
 * @param member the member concerned, such as {@code run()V} or {@code count:I}, or the class name
 * @param detail what it was and what it is
 */
public record StructuralChange(Kind kind, String member, String detail) {
    /** What kind of shape change. */
    public enum Kind {
        /** A method or constructor was added. */
        METHOD_ADDED,
        /** A method or constructor was removed. */
        METHOD_REMOVED,
        /** A method's modifiers changed. */
        METHOD_MODIFIERS,
        /** A field was added, removed, reordered or changed. */
        FIELDS,
        /** The superclass or the interfaces changed. */
        SUPERTYPES,
        /** The class's modifiers changed. */
        CLASS_MODIFIERS,
        /** The nest host or nest members changed. */
        NEST,
        /** Record components or permitted subclasses changed. */
        RECORD_OR_SEALED
    }

    @Override
    public String toString() {
        return kind + " " + member + (detail.isEmpty() ? "" : ": " + detail);
    }
}
