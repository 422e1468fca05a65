package io.github.codefind.spring.internal;

import io.github.codefind.conform.Change;
import io.github.codefind.conform.ChangeKind;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.Patch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A patch regrouped by class: for each class, whether it is new, gone or redefined, and what changed
 * in it and in each of its methods. Lambdas are left out: their bodies alter no Spring metadata.
 */
final class PatchPlan {
    /** Kinds that leave reflective metadata (annotations, signatures, members) as it was. */
    private static final Set<ChangeKind> CODE_ONLY = EnumSet.of(ChangeKind.BODY, ChangeKind.LINES,
            ChangeKind.REDEFINED);

    private final long id;
    private final Map<String, ClassChange> classes;

    private PatchPlan(long id, Map<String, ClassChange> classes) {
        this.id = id;
        this.classes = classes;
    }

    /**
     * What one class went through.
     *
     * @param name the binary name
     * @param added whether the patch defined it
     * @param removed whether the patch removed it
     * @param classKinds the kinds of the class-level change; empty if there was none
     * @param methods each changed method or constructor with its kinds
     */
    record ClassChange(String name, boolean added, boolean removed, Set<ChangeKind> classKinds,
            Map<MethodUnit, Set<ChangeKind>> methods) {
        /** @return whether a constructor changed in a way that shows in new instances */
        boolean constructorChanged() {
            for (Map.Entry<MethodUnit, Set<ChangeKind>> m : methods.entrySet()) {
                if (m.getKey().isConstructor() && !Set.of(ChangeKind.LINES).containsAll(m.getValue())) {
                    return true;
                }
            }
            return false;
        }

        /**
         * @return whether reflection now sees other annotations, members or signatures in this class
         *     than Spring may have cached; never for a new class, which nothing cached yet
         */
        boolean metadataChanged() {
            if (added) {
                return false;
            }
            if (removed || !CODE_ONLY.containsAll(classKinds)) {
                return true;
            }
            for (Set<ChangeKind> kinds : methods.values()) {
                if (!CODE_ONLY.containsAll(kinds)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * @param patch a patch, or the part of one
     * @return the patch, by class, in the order of its changes
     */
    static PatchPlan of(Patch patch) {
        Map<String, Builder> byClass = new LinkedHashMap<>();
        for (Change c : patch.changes()) {
            CodeUnit unit = c.unit();
            Builder b = byClass.computeIfAbsent(unit.declaringClass().name(), k -> new Builder());
            if (unit instanceof ClassUnit) {
                b.added |= c.is(ChangeKind.ADDED);
                b.removed |= c.is(ChangeKind.REMOVED);
                b.classKinds.addAll(c.kinds());
            } else if (unit instanceof MethodUnit) {
                b.methods.computeIfAbsent((MethodUnit) unit, k -> EnumSet.noneOf(ChangeKind.class)).addAll(c.kinds());
            }
        }
        Map<String, ClassChange> classes = new LinkedHashMap<>();
        byClass.forEach((name, b) -> classes.put(name, new ClassChange(name, b.added, b.removed,
                Set.copyOf(b.classKinds), Map.copyOf(b.methods))));
        return new PatchPlan(patch.id(), classes);
    }

    /** @return the patch's id */
    long id() {
        return id;
    }

    /** @return every class the patch touched */
    Collection<ClassChange> classes() {
        return classes.values();
    }

    /** @return the names of the classes, in order */
    List<String> classNames() {
        return new ArrayList<>(classes.keySet());
    }

    /** @return whether any class's reflective metadata changed, so that Spring's caches are stale */
    boolean metadataChanged() {
        for (ClassChange c : classes.values()) {
            if (c.metadataChanged()) {
                return true;
            }
        }
        return false;
    }

    private static final class Builder {
        boolean added;
        boolean removed;
        final Set<ChangeKind> classKinds = EnumSet.noneOf(ChangeKind.class);
        final Map<MethodUnit, Set<ChangeKind>> methods = new LinkedHashMap<>();
    }
}
