package io.github.codefind.internal.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.codefind.CodeDependent;
import io.github.codefind.Heap;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.graphs.GraphModel;
import io.github.codefind.graphs.GraphModel.ArrayOf;
import io.github.codefind.graphs.GraphModel.Boxed;
import io.github.codefind.graphs.GraphModel.Holder;
import io.github.codefind.graphs.GraphModel.HolderRef;
import io.github.codefind.graphs.GraphModel.Leaf;
import io.github.codefind.graphs.GraphModel.ListOf;
import io.github.codefind.graphs.GraphModel.MapOf;
import io.github.codefind.graphs.GraphModel.SelfList;
import io.github.codefind.graphs.GraphModel.Shape;
import io.github.codefind.graphs.GraphModel.Weak;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random object graphs: arrays, lists, maps, boxes, weak references, cycles, holders that refer to
 * holders, and holders that become unreachable. Discovery must match the model exactly, and report
 * no dead holder.
 */
class DiscoveryPropertiesTest {
    /** @param shape what the holder's slot holds; @param reachable whether it is kept */
    record HolderSpec(Shape shape, boolean reachable) {
    }

    /** @return the heaps that must each agree with the model: here, the JVMTI backend */
    List<Heap> heapsUnderTest() {
        return List.of(io.github.codefind.Codefind.heap());
    }

    @Property(tries = 150)
    void discoveryMatchesTheModel(@ForAll("holders") List<HolderSpec> specs,
            @ForAll("wanted") List<Integer> wantedIndexes) {
        Set<CodeUnit> wanted = GraphModel.subset(wantedIndexes);
        List<Holder> reachable = new ArrayList<>();
        List<Holder> all = new ArrayList<>();
        for (HolderSpec spec : specs) {
            Holder h = new Holder();
            all.add(h);
            if (spec.reachable()) {
                reachable.add(h);
            }
        }
        List<Object> keep = new ArrayList<>();
        Map<Holder, Set<CodeUnit>> expected = new IdentityHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            Holder h = all.get(i);
            h.slot = GraphModel.build(specs.get(i).shape(), reachable, keep);
            Set<CodeUnit> units = GraphModel.expected(specs.get(i).shape(), wanted);
            if (specs.get(i).reachable() && !units.isEmpty()) {
                expected.put(h, units);
            }
        }
        all = null; // the unreachable holders must now die

        for (Heap heap : heapsUnderTest()) {
            Map<Object, Set<CodeUnit>> actual = new IdentityHashMap<>();
            for (CodeDependent d : heap.conformablesReferringTo(wanted)) {
                if (d.object() instanceof Holder) {
                    actual.put(d.object(), d.units());
                }
            }
            assertEquals(Collections.unmodifiableMap(expected).size(), actual.size(), "holders reported by " + heap);
            for (Map.Entry<Holder, Set<CodeUnit>> e : expected.entrySet()) {
                assertEquals(e.getValue(), actual.get(e.getKey()), heap + ": units of a holder with " + e.getKey().slot);
            }
        }
        Reference.reachabilityFence(reachable);
        Reference.reachabilityFence(keep);
    }

    @Provide
    Arbitrary<List<Integer>> wanted() {
        return Arbitraries.integers().between(0, 100).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<HolderSpec>> holders() {
        Arbitrary<HolderSpec> spec = Combinators.combine(shape(5), Arbitraries.of(true, true, false))
                .as(HolderSpec::new);
        return spec.list().ofMaxSize(8);
    }

    private Arbitrary<Shape> shape(int depth) {
        Arbitrary<Shape> leaf = Combinators.combine(Arbitraries.integers().between(-1, 20),
                Arbitraries.of(true, false)).as(Leaf::new);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<List<Shape>> children = Arbitraries.lazy(() -> shape(depth - 1)).list().ofMaxSize(3);
        Arbitrary<Shape> inner = Arbitraries.lazy(() -> shape(depth - 1));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(2, children.map(ArrayOf::new)),
                net.jqwik.api.Tuple.of(2, children.map(ListOf::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(children, children).as(MapOf::new)),
                net.jqwik.api.Tuple.of(1, inner.map(Boxed::new)),
                net.jqwik.api.Tuple.of(1, inner.map(Weak::new)),
                net.jqwik.api.Tuple.of(1, inner.map(SelfList::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 7).map(HolderRef::new)));
    }
}
