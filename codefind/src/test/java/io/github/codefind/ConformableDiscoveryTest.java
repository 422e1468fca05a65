package io.github.codefind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.Conformable;
import io.github.codefind.conform.LambdaUnit;
import io.github.codefind.conform.MethodUnit;
import io.github.codefind.conform.Patch;
import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Which Conformables refer to which code, by the rules of docs/protocol.md. */
class ConformableDiscoveryTest {
    /** Code the holders below refer to. */
    static final class Handlers {
        static int one() {
            return 1;
        }

        static int two() {
            return 2;
        }
    }

    /** A class nobody refers to. */
    static final class Unrelated {
        static void nothing() {
        }
    }

    abstract static class Holder implements Conformable {
        final List<Patch> received = new ArrayList<>();

        @Override
        public void conform(Patch patch) {
            received.add(patch);
        }
    }

    static final class HoldsClass extends Holder {
        final Class<?> type = Handlers.class;
    }

    static final class HoldsMethodsInAMap extends Holder {
        final Map<String, Method> table = new HashMap<>();
    }

    static final class HoldsHandle extends Holder {
        MethodHandle handle;
    }

    static final class HoldsLambda extends Holder {
        Supplier<Integer> lambda;
    }

    static final class HoldsNested extends Holder {
        Object nested;
    }

    static final class Declares extends Holder {
        final Set<CodeUnit> declared;

        Declares(Set<CodeUnit> declared) {
            this.declared = Set.copyOf(declared);
        }

        @Override
        public Set<CodeUnit> codeDependencies() {
            return declared;
        }
    }

    static final class ThrowsFromDependencies extends Holder {
        final Class<?> type = Handlers.class;

        @Override
        public Set<CodeUnit> codeDependencies() {
            throw new IllegalStateException("broken on purpose");
        }
    }

    interface SerializableSupplier extends Supplier<Integer>, Serializable {
    }

    private final Heap heap = Codefind.heap();
    private final MethodUnit one = unit("one");
    private final MethodUnit two = unit("two");
    private final ClassUnit handlers = ClassUnit.of(Handlers.class);

    @Test
    void aHeldClassMatchesEveryChangeInIt() {
        HoldsClass h = new HoldsClass();
        assertEquals(Set.of(one, handlers), matched(h, List.of(one, handlers, unitOf(Unrelated.class))));
        Reference.reachabilityFence(h);
    }

    @Test
    void aMethodInAMapMatchesItselfAndItsClassButNotItsSibling() throws Exception {
        HoldsMethodsInAMap h = new HoldsMethodsInAMap();
        h.table.put("one", Handlers.class.getDeclaredMethod("one"));
        assertEquals(Set.of(one, handlers), matched(h, List.of(one, two, handlers)));
        Reference.reachabilityFence(h);
    }

    @Test
    void aDirectMethodHandleIsCrackedAnAdaptedOneIsNot() throws Exception {
        HoldsHandle h = new HoldsHandle();
        h.handle = MethodHandles.lookup().findStatic(Handlers.class, "two", MethodType.methodType(int.class));
        assertEquals(Set.of(two), matched(h, List.of(one, two)));
        h.handle = MethodHandles.dropArguments(h.handle, 0, String.class);
        assertEquals(Set.of(), matched(h, List.of(one, two)));
        Reference.reachabilityFence(h);
    }

    @Test
    void aLambdaMatchesTheLambdasOfTheClassThatCreatedIt() {
        HoldsLambda h = new HoldsLambda();
        h.lambda = () -> 42;
        MethodUnit implementation = MethodUnit.of(ClassUnit.of(getClass()), "lambda$x$0", "()Ljava/lang/Integer;");
        LambdaUnit lambda = LambdaUnit.of(ClassUnit.of(getClass()), implementation);
        LambdaUnit elsewhere = LambdaUnit.of(handlers, MethodUnit.of(handlers, "lambda$y$0", "()V"));
        assertEquals(Set.of(lambda), matched(h, List.of(lambda, elsewhere, one)));
        Reference.reachabilityFence(h);
    }

    @Test
    void aSerializableMethodReferenceNamesItsImplementation() {
        HoldsLambda h = new HoldsLambda();
        h.lambda = (SerializableSupplier) Handlers::one;
        assertEquals(Set.of(one), matched(h, List.of(one, two)));
        Reference.reachabilityFence(h);
    }

    @Test
    void containersAreSearchedThreeLevelsDeep() {
        HoldsNested h = new HoldsNested();
        h.nested = List.of(Map.of("k", new Object[] {one}));
        assertEquals(Set.of(one), matched(h, List.of(one)));
        h.nested = Optional.of(List.of(Map.of("k", new Object[] {one})));
        assertEquals(Set.of(), matched(h, List.of(one)), "four containers deep is not searched");
        Reference.reachabilityFence(h);
    }

    @Test
    void declaredDependenciesCount() {
        Declares d = new Declares(Set.of(handlers));
        assertEquals(Set.of(one, two), matched(d, List.of(one, two, unitOf(Unrelated.class))));
        Reference.reachabilityFence(d);
    }

    @Test
    void theObjectsOwnClassCounts() {
        HoldsNested h = new HoldsNested();
        ClassUnit own = ClassUnit.of(HoldsNested.class);
        ClassUnit parent = ClassUnit.of(Holder.class);
        MethodUnit conform = MethodUnit.of(parent, "conform", "(Lio/github/codefind/conform/Patch;)V");
        assertEquals(Set.of(own, conform), matched(h, List.of(own, conform, one)));
        Reference.reachabilityFence(h);
    }

    @Test
    void aThrowingDeclarationIsIgnoredAndDiscoveryGoesOn() {
        ThrowsFromDependencies t = new ThrowsFromDependencies();
        assertEquals(Set.of(one), matched(t, List.of(one)));
        Reference.reachabilityFence(t);
    }

    @Test
    void resultsAreOrderedByClassNameAndHoldEachObjectOnce() throws Exception {
        HoldsMethodsInAMap m = new HoldsMethodsInAMap();
        m.table.put("one", Handlers.class.getDeclaredMethod("one"));
        m.table.put("two", Handlers.class.getDeclaredMethod("two"));
        HoldsClass c = new HoldsClass();
        List<CodeDependent> found = heap.conformablesReferringTo(List.of(one, two));
        List<String> names = new ArrayList<>();
        for (CodeDependent d : found) {
            names.add(d.object().getClass().getName());
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, names);
        assertEquals(1, found.stream().filter(d -> d.object() == m).count());
        assertTrue(found.stream().anyMatch(d -> d.object() == c));
        Reference.reachabilityFence(m);
        Reference.reachabilityFence(c);
    }

    @Test
    void deadConformablesAreNotReported() {
        for (int i = 0; i < 100; i++) {
            new HoldsClass();
        }
        HoldsClass alive = new HoldsClass();
        long found = heap.conformablesReferringTo(List.of(handlers)).stream()
                .filter(d -> d.object() instanceof HoldsClass).count();
        assertEquals(1, found);
        Reference.reachabilityFence(alive);
    }

    @Test
    void oldDeadConformablesThatNoCollectionFreedYetAreNotReported() {
        HoldsClass alive = new HoldsClass();
        List<WeakReference<HoldsClass>> dead = deadAfterFullCollections();
        assertTrue(dead.stream().anyMatch(r -> !r.refersTo(null)), "dead ones are still in the heap");
        List<Object> found = new ArrayList<>();
        for (CodeDependent d : heap.conformablesReferringTo(List.of(handlers))) {
            if (d.object() instanceof HoldsClass) {
                found.add(d.object());
            }
        }
        assertEquals(1, found.size());
        assertSame(alive, found.get(0));
    }

    /** Dead, but promoted first: no young collection frees them, and the walk sees them. */
    private static List<WeakReference<HoldsClass>> deadAfterFullCollections() {
        List<HoldsClass> doomed = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            doomed.add(new HoldsClass());
        }
        System.gc();
        List<WeakReference<HoldsClass>> refs = new ArrayList<>();
        doomed.forEach(h -> refs.add(new WeakReference<>(h)));
        return refs;
    }

    private Set<CodeUnit> matched(Conformable object, List<CodeUnit> units) {
        for (CodeDependent d : heap.withoutCollection().conformablesReferringTo(units)) {
            if (d.object() == object) {
                return d.units();
            }
        }
        return Set.of();
    }

    private static MethodUnit unit(String name) {
        try {
            return MethodUnit.of(Handlers.class.getDeclaredMethod(name));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static ClassUnit unitOf(Class<?> type) {
        return ClassUnit.of(type);
    }
}
