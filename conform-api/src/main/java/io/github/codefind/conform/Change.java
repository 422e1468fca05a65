package io.github.codefind.conform;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One code unit's change in a patch: the unit before and after, and what kinds of change it saw.
 *
 * <p>Exactly one of three shapes holds:
 * <ul>
 *   <li>added: no {@link #before()}, an {@link #after()}, and the kinds are exactly {@link ChangeKind#ADDED};
 *   <li>removed: a before, no after, and the kinds are exactly {@link ChangeKind#REMOVED};
 *   <li>modified: both, of the same identity (a lambda's implementation may differ, since
 *       lambdas are matched by body and position), and one or more of {@link ChangeKind#LINES},
 *       {@link ChangeKind#BODY}, {@link ChangeKind#ATTRIBUTES}, {@link ChangeKind#SIGNATURE} and, for a
 *       class only, {@link ChangeKind#REDEFINED}; a class never has {@link ChangeKind#BODY}.
 * </ul>
 * Equality compares the units, their source ranges and the kinds.
 */
public final class Change {
    private static final Set<ChangeKind> MODIFICATIONS = Collections.unmodifiableSet(EnumSet.of(
            ChangeKind.LINES, ChangeKind.BODY, ChangeKind.ATTRIBUTES, ChangeKind.SIGNATURE,
            ChangeKind.REDEFINED));

    private static final Set<ChangeKind> BEHAVIOUR_NEUTRAL = Collections.unmodifiableSet(EnumSet.of(
            ChangeKind.LINES, ChangeKind.REDEFINED));

    private final CodeUnit before;
    private final CodeUnit after;
    private final Set<ChangeKind> kinds;

    private Change(CodeUnit before, CodeUnit after, Set<ChangeKind> kinds) {
        this.before = before;
        this.after = after;
        this.kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }

    /**
     * A unit that the patch adds.
     *
     * @param after the new unit
     * @return the change
     */
    public static Change added(CodeUnit after) {
        return new Change(null, Objects.requireNonNull(after, "after"), EnumSet.of(ChangeKind.ADDED));
    }

    /**
     * A unit that the patch removes.
     *
     * @param before the old unit
     * @return the change
     */
    public static Change removed(CodeUnit before) {
        return new Change(Objects.requireNonNull(before, "before"), null, EnumSet.of(ChangeKind.REMOVED));
    }

    /**
     * A unit that exists before and after the patch.
     *
     * @param before the unit as it was, with its old source range
     * @param after the unit as it is, with its new source range
     * @param kinds what changed; at least one
     * @return the change
     * @throws IllegalArgumentException if the units are not the same unit, the kinds are empty or
     *     include {@code ADDED} or {@code REMOVED}, {@code REDEFINED} is given for a non-class, or
     *     {@code BODY} for a class
     */
    public static Change modified(CodeUnit before, CodeUnit after, Set<ChangeKind> kinds) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (kinds.isEmpty() || !MODIFICATIONS.containsAll(kinds)) {
            throw new IllegalArgumentException("A modification needs kinds among " + MODIFICATIONS
                    + ", not " + kinds);
        }
        if (kinds.contains(ChangeKind.REDEFINED) && !(after instanceof ClassUnit)) {
            throw new IllegalArgumentException("Only a class is REDEFINED, not " + after);
        }
        if (kinds.contains(ChangeKind.BODY) && after instanceof ClassUnit) {
            throw new IllegalArgumentException("A class has no BODY; its <clinit> does: " + after);
        }
        if (!sameUnit(before, after)) {
            throw new IllegalArgumentException(before + " and " + after + " are not the same unit");
        }
        return new Change(before, after, kinds);
    }

    /** @return the unit after the change if it still exists, otherwise the unit before */
    public CodeUnit unit() {
        return after != null ? after : before;
    }

    /** @return the unit as it was; empty if the patch added it */
    public Optional<CodeUnit> before() {
        return Optional.ofNullable(before);
    }

    /** @return the unit as it is now; empty if the patch removed it */
    public Optional<CodeUnit> after() {
        return Optional.ofNullable(after);
    }

    /** @return the kinds of change; never empty, not modifiable */
    public Set<ChangeKind> kinds() {
        return kinds;
    }

    /**
     * @param kind a kind of change
     * @return true if this change includes it
     */
    public boolean is(ChangeKind kind) {
        return kinds.contains(kind);
    }

    /**
     * Whether the behaviour of the unit may differ: any kind but {@link ChangeKind#LINES} and
     * {@link ChangeKind#REDEFINED}, which every redefined class carries even when nothing in it but
     * line numbers changed.
     *
     * @return false for changes of line numbers alone, or of a class redefined without other change
     */
    public boolean altersBehaviour() {
        return !BEHAVIOUR_NEUTRAL.containsAll(kinds);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Change)) {
            return false;
        }
        Change c = (Change) o;
        return kinds.equals(c.kinds) && sameExactly(before, c.before) && sameExactly(after, c.after);
    }

    @Override
    public int hashCode() {
        return Objects.hash(before, after, kinds);
    }

    /** @return such as {@code [BODY] com.example.A.run()V (A.java:10-12 -> A.java:11-13)} */
    @Override
    public String toString() {
        String where = (before == null ? "new" : before.source().map(Object::toString).orElse("?"))
                + " -> " + (after == null ? "gone" : after.source().map(Object::toString).orElse("?"));
        return kinds + " " + unit() + " (" + where + ")";
    }

    private static boolean sameUnit(CodeUnit before, CodeUnit after) {
        if (before instanceof LambdaUnit && after instanceof LambdaUnit) {
            return before.declaringClass().equals(after.declaringClass());
        }
        return before.equals(after);
    }

    private static boolean sameExactly(CodeUnit a, CodeUnit b) {
        return Objects.equals(a, b) && (a == null || a.source().equals(b.source()));
    }
}
