package io.github.codefind.internal.heap;

import io.github.codefind.CodeDependent;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.Conformable;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The conformables that may refer to changed code, found by a walk that does not collect, so some may
 * be dead. Until {@link #dependents} they are matched by their classes and fields alone, which runs
 * none of their code; one that declares {@code codeDependencies()} stays a candidate until it is known
 * to be live, since only calling it can tell.
 *
 * <p>The objects are held in one array and nowhere else, so that clearing it leaves them to the
 * collector: nothing on the caller's stack may hold one.
 */
final class Candidates {
    private final Object[] objects;
    private final List<Set<CodeUnit>> held;

    private Candidates(Object[] objects, List<Set<CodeUnit>> held) {
        this.objects = objects;
        this.held = held;
    }

    /**
     * Walks the heap without collecting. A method of its own, so that the list of every conformable
     * dies with its frame before {@link #retainReachable}: a frame still holding it would keep them all
     * alive through the collection.
     *
     * @param backend the backend
     * @param wanted the changed units
     * @return the candidates
     */
    static Candidates find(HeapBackend backend, CodeReferences wanted) {
        List<Object> objects = new ArrayList<>();
        List<Set<CodeUnit>> held = new ArrayList<>();
        for (Conformable c : backend.conformables()) {
            Set<CodeUnit> units = wanted.heldBy(c);
            if (!units.isEmpty() || CodeReferences.declares(c.getClass())) {
                objects.add(c);
                held.add(units);
            }
        }
        return new Candidates(objects.toArray(), held);
    }

    /** @return whether no conformable may refer to the changed code */
    boolean isEmpty() {
        return objects.length == 0;
    }

    /**
     * Drops the candidates that are not strongly or softly reachable: holds them only weakly across a
     * full collection (see {@link HeapBackend#collect}) and keeps those whose references it did not
     * clear. Unlike collecting before the walk, no second walk is needed.
     *
     * @param backend the backend, which collects
     */
    void retainReachable(HeapBackend backend) {
        List<WeakReference<Object>> weak = new ArrayList<>(objects.length);
        for (int i = 0; i < objects.length; i++) {
            weak.add(new WeakReference<>(objects[i]));
            objects[i] = null;
        }
        backend.collect();
        for (int i = 0; i < objects.length; i++) {
            objects[i] = weak.get(i).get();
        }
    }

    /**
     * Calls {@code codeDependencies()} of each candidate that declares it (all are live by now, or the
     * caller accepted dead ones) and keeps those that refer to a changed unit.
     *
     * @param wanted the changed units
     * @return the dependents, ordered by class name
     */
    List<CodeDependent> dependents(CodeReferences wanted) {
        List<CodeDependent> result = new ArrayList<>();
        for (int i = 0; i < objects.length; i++) {
            Conformable c = (Conformable) objects[i];
            if (c != null) {
                Set<CodeUnit> units = held.get(i);
                wanted.addDeclared(c, units);
                if (!units.isEmpty()) {
                    result.add(new CodeDependent(c, units));
                }
            }
        }
        result.sort(Comparator.comparing(d -> d.object().getClass().getName()));
        return result;
    }
}
