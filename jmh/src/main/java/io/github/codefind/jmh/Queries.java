package io.github.codefind.jmh;

import io.github.codefind.Heap;
import io.github.codefind.conform.CodeUnit;
import java.util.List;

/**
 * What the states of the query benchmarks share: codefind's heap, its view without collection, the
 * {@link TestHeap} and the changed units that discovery looks for.
 */
abstract class Queries {
    TestHeap testHeap;
    Heap heap;
    Heap withoutCollection;
    List<CodeUnit> units;

    /**
     * Checks the backend first, then builds the heap: a registry then tracks its conformables.
     *
     * @param backend {@code jvmti} or {@code registry}
     * @param objects the test heap's size
     * @param changed the units discovery looks for
     */
    void open(String backend, int objects, List<CodeUnit> changed) {
        heap = TestHeap.codefindHeap(backend);
        withoutCollection = heap.withoutCollection();
        testHeap = TestHeap.build(objects);
        units = changed;
    }
}
