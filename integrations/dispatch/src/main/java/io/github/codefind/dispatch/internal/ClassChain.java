package io.github.codefind.dispatch.internal;

import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The target of a one-argument call path past its inline cache: the classes met so far, tested in
 * order by nodes of {@value ChainTemplate#ENTRIES} ({@link ChainTemplate}), each calling the handler
 * decided for its class in one generation, the last node ending in a relink (or, past
 * {@value #CAPACITY} classes, in the decision cache).
 *
 * <p>Why a chain and not a table: a table lookup needs the class's number first (a {@code ClassValue},
 * a hash), several dependent loads before the jump it selects can even be predicted; measured, a
 * {@code ClassValue} and a {@code tableswitch} took twice the time of the {@code instanceof} chain at
 * 16 classes. A test of the class pointer against a constant needs one load, as the hand-written chain
 * does, and the nodes' bytecode is javac's, so the JIT compiles the same code for both.
 */
final class ClassChain {
    /**
     * The most classes the chain tests. Past it, the classes met later are looked up in the decision
     * cache: a site meeting ever more classes must stop relinking (each relink deoptimizes the code
     * that inlined the site).
     */
    static final int CAPACITY = 16 * ChainTemplate.ENTRIES;

    private ClassChain() {
    }

    /**
     * @param classes the classes to test, in order, at most {@link #CAPACITY}, null not among them
     * @param decisions the generation's decisions
     * @param end {@code (Object)Object}: what the last node calls for classes not in the list
     * @return {@code (Object)Object}: the first node
     */
    static MethodHandle target(List<Class<?>> classes, DecisionCache decisions, MethodHandle end) {
        MethodHandle onNull = decisions.find(Types.NULL).target();
        MethodHandle next = end;
        int entries = ChainTemplate.ENTRIES;
        for (int node = (classes.size() - 1) / entries; node >= 0; node--) {
            List<Object> data = new ArrayList<>();
            data.add(onNull);
            for (int i = node * entries; i < (node + 1) * entries; i++) {
                // An unused entry tests void, the class of no object.
                Class<?> c = i < classes.size() ? classes.get(i) : void.class;
                data.add(c);
                data.add(i < classes.size() ? decisions.find(c).target() : end);
            }
            data.add(next);
            next = Templates.chainNode(data);
        }
        return next;
    }
}
