package io.github.codefind.internal.classfile;

import io.github.codefind.conform.Change;
import io.github.codefind.conform.ClassUnit;
import java.util.List;

/**
 * How one class differs between two class files with the same name: the member and class changes,
 * and the structural differences a JVM may refuse to redefine.
 *
 * @param type the class
 * @param changes member changes, then the class's own change; empty if the files are equivalent
 * @param structural what changed in the class's shape, each naming the member, for the redefinition
 *     policy to judge; empty when only bodies, attributes and lines changed
 * @param staticInitializerChanged whether {@code <clinit>} changed (it is not re-run)
 */
public record ClassComparison(ClassUnit type, List<Change> changes, List<StructuralChange> structural,
        boolean staticInitializerChanged) {
    /**
     * Copies the lists.
     *
     * @param type the class
     * @param changes the changes
     * @param structural the structural changes
     * @param staticInitializerChanged whether {@code <clinit>} changed
     */
    public ClassComparison {
        changes = List.copyOf(changes);
        structural = List.copyOf(structural);
    }

    /** @return true if the two class files are equivalent: nothing to redefine */
    public boolean unchanged() {
        return changes.isEmpty();
    }
}
