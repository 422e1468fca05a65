package io.github.codefind.jmh;

import io.github.codefind.Codefind;
import io.github.codefind.Heap;
import io.github.codefind.conform.ClassUnit;
import io.github.codefind.conform.CodeUnit;
import io.github.codefind.conform.Conformable;
import java.util.List;

/**
 * The heap every benchmark walks, built the same way in the benchmark JVMs and in the JDI debuggee.
 *
 * <p>{@code objects} small objects (24 bytes each with compressed references) in chunks of
 * {@value #CHUNK}: each chunk is an {@code Object[]} whose first element is a {@link Target} and the
 * rest {@link Filler}s, each filler referring to its predecessor, so that one object in
 * {@value #CHUNK} is a target and a reference walk has edges to follow. About 28 bytes of heap per
 * object, the chunk arrays included. Plus {@value #CONFORMABLES} {@link Conformable}s of
 * {@value Conformables#CLASSES} implementing classes.
 */
public final class TestHeap {
    /** Objects per chunk; one of them is a {@link Target}. */
    public static final int CHUNK = 1000;
    /** The number of {@code Conformable}s in the heap. */
    public static final int CONFORMABLES = 1000;

    private final Object[][] chunks;
    private final List<Conformable> conformables;

    private TestHeap(Object[][] chunks, List<Conformable> conformables) {
        this.chunks = chunks;
        this.conformables = conformables;
    }

    /**
     * Builds the heap. Call {@code Codefind.heap()} first when the registry backend is measured, so
     * that the {@code Conformable} classes are loaded after it is installed.
     *
     * @param objects the number of small objects, a multiple of {@value #CHUNK}
     * @return the heap; it stays reachable as long as this object does
     */
    public static TestHeap build(int objects) {
        if (objects <= 0 || objects % CHUNK != 0) {
            throw new IllegalArgumentException("objects must be a positive multiple of " + CHUNK
                    + ": " + objects);
        }
        Object[][] chunks = new Object[objects / CHUNK][];
        int value = 0;
        for (int c = 0; c < chunks.length; c++) {
            Object[] chunk = new Object[CHUNK];
            Object previous = new Target(null, value++);
            chunk[0] = previous;
            for (int i = 1; i < CHUNK; i++) {
                previous = new Filler(previous, value++);
                chunk[i] = previous;
            }
            chunks[c] = chunk;
        }
        return new TestHeap(chunks, Conformables.create(CONFORMABLES));
    }

    /**
     * codefind's heap, checked to be answered by the backend a benchmark measures.
     *
     * @param backend {@code jvmti} or {@code registry}
     * @return the heap
     * @throws IllegalStateException if another backend answers
     */
    public static Heap codefindHeap(String backend) {
        Heap heap = Codefind.heap();
        if (!heap.backend().startsWith(backend)) {
            throw new IllegalStateException("not the " + backend + " backend: " + heap.backend());
        }
        return heap;
    }

    /** @return the number of {@link Target}s: one per chunk */
    public int targets() {
        return chunks.length;
    }

    /** @return the conformables */
    public List<Conformable> conformables() {
        return conformables;
    }

    /**
     * A few objects whose referrers are asked for: a target, a filler and a conformable.
     *
     * @return the objects, distinct
     */
    public List<Object> someObjects() {
        Object[] middle = chunks[chunks.length / 2];
        return List.of(middle[0], middle[CHUNK / 2], conformables.get(conformables.size() / 2));
    }

    /**
     * The units that the discovery benchmarks look for: {@link Target}, held by a quarter of the
     * conformables, and one implementing class.
     *
     * @return the units
     */
    public static List<CodeUnit> changedUnits() {
        return List.of(ClassUnit.of(Target.class), ClassUnit.of(Conformables.lastClass()));
    }

    /**
     * How many conformables {@link #changedUnits()} finds: those holding {@code Target.class} or of
     * the last class.
     *
     * @return the expected number of results
     */
    public static int expectedDependents() {
        return Conformables.expectedMatches(CONFORMABLES);
    }

    /** The class counted and listed by the instance benchmarks: one object in {@value #CHUNK}. */
    public static final class Target {
        final Object link;
        final int value;

        Target(Object link, int value) {
            this.link = link;
            this.value = value;
        }
    }

    /** The other objects. */
    public static final class Filler {
        final Object link;
        final int value;

        Filler(Object link, int value) {
            this.link = link;
            this.value = value;
        }
    }
}
